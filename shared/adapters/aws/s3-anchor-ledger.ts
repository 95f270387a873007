import { GetObjectCommand, ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Anchor, AnchorLedger } from '../../ports/anchors.js';
import { anchorSchema } from '../../workflow/audit-trail.js';
import { s3Client } from './clients.js';
import { calling } from './errors.js';

/** Event seqs are at most six digits (EVENT#000001): keys count down from here, so the newest lists first. */
const MAX_SEQ = 999_999;
const prefixOf = (agreementId: string) => `anchors/${agreementId}/`;
const keyOf = (a: Pick<Anchor, 'agreementId' | 'seq'>) =>
  `${prefixOf(a.agreementId)}${String(MAX_SEQ - a.seq).padStart(6, '0')}.json`;

/**
 * Anchors in the archive bucket, one object per agreement and anchored seq:
 * `anchors/<id>/<999999 - seq>.json`. The bucket's object lock keeps them in the cloud; here nothing
 * overwrites one, and a key counting down makes the newest the first a listing returns, so finding
 * it is one list and one read whatever the agreement's age.
 */
export class S3AnchorLedger implements AnchorLedger {
  constructor(private readonly bucket: string) {}

  async latest(agreementId: string): Promise<Anchor | undefined> {
    const key = await this.first(prefixOf(agreementId));
    if (!key) return undefined;
    const text = await calling('S3', async () => {
      const out = await s3Client().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? out.Body.transformToString('utf8') : '';
    });
    // Written by the daily job alone: an object that is not an anchor means the bucket was tampered with.
    const anchor = anchorSchema.parse(JSON.parse(text));
    if (anchor.agreementId !== agreementId || keyOf(anchor) !== key) {
      throw new Error(`anchor object ${key} does not match its key`);
    }
    return anchor;
  }

  async record(anchor: Anchor): Promise<void> {
    const key = keyOf(anchor);
    // Checked by listing (the only object read the job's grant allows on a missing key), and the write
    // is conditional besides: an existing anchor is never replaced.
    if ((await this.first(key)) === key) return;
    await calling('S3', () =>
      s3Client()
        .send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: JSON.stringify(anchorSchema.parse(anchor)),
            ContentType: 'application/json',
            IfNoneMatch: '*',
            // Object-locked buckets require an integrity checksum on every write.
            ChecksumAlgorithm: 'SHA256',
          }),
        )
        .catch((error: unknown) => {
          // Another run recorded it first.
          if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
            return;
          throw error;
        }),
    );
  }

  /** The first key under `prefix`. ListObjects (v1): s3rver's v2 continuation tokens need a legacy cipher. */
  private async first(prefix: string): Promise<string | undefined> {
    const out = await calling('S3', () =>
      s3Client().send(new ListObjectsCommand({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1 })),
    );
    return out.Contents?.[0]?.Key;
  }
}
