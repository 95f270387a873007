import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existingRoot } from '../../../shared/adapters/local/local-signing-keys.js';
import type { StackHandle } from './stack.js';

/**
 * What the embedded stack keeps, as the tests read it: its local CA's root, the objects of its
 * buckets, and the public verification of a file. Read when called, once the stack has started.
 */
export function stored(stack: StackHandle) {
  const s3 = new S3Client({ forcePathStyle: true });
  const object = async (bucket: string | undefined, key: string): Promise<Uint8Array> => {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await out.Body?.transformToByteArray()) as Uint8Array;
  };
  return {
    /** The local CA's root certificate (PEM): what pdfsig and openssl are told to trust. */
    rootPem(): string {
      const root = existingRoot(stack.env.LOCAL_CA_DIR as string);
      if (!root) throw new Error('the embedded stack has no local CA yet');
      return root;
    },
    /** An object of the documents bucket. */
    download: (key: string) => object(stack.env.DOCUMENTS_BUCKET, key),
    /** An object of the archive bucket. */
    archived: (key: string) => object(stack.env.ARCHIVE_BUCKET, key),
    /** The keys of an agreement's region-signed PDFs. */
    async signedFiles(id: string): Promise<string[]> {
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: stack.env.DOCUMENTS_BUCKET, Prefix: `agreements/${id}/signed/` }),
      );
      return (listed.Contents ?? []).map((o) => o.Key as string);
    },
    /** POST /api/verify with the PDF as body, as anyone may. */
    async verify(body: Uint8Array) {
      const res = await fetch(`${stack.baseUrl}/api/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: Buffer.from(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: checked field by field
      return { status: res.status, json: (await res.json()) as any };
    },
  };
}
