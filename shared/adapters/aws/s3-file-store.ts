import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../../ports/files.js';
import { s3Client } from './clients.js';
import { calling } from './errors.js';

/** S3's answer for a key that is not there (HEAD says NotFound, GET NoSuchKey). */
export const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** An object's size and stored type; undefined when there is none (ListBucket makes that a 404). */
export function headObject(
  bucket: string,
  key: string,
): Promise<{ size: number; contentType: string } | undefined> {
  return calling('S3', () =>
    s3Client()
      .send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      .then(
        (out) => ({ size: out.ContentLength ?? 0, contentType: out.ContentType ?? '' }),
        (error: unknown) => {
          if (notFound(error)) return undefined;
          throw error;
        },
      ),
  );
}

export class S3FileStore implements FileStore {
  constructor(private readonly bucket: string) {}

  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return calling('S3', async () => {
      await s3Client().send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          // Rendered files are immutable: refuse to overwrite an existing version's file.
          IfNoneMatch: '*',
        }),
      );
    });
  }

  putFile(key: string, path: string, contentType: string): Promise<void> {
    return calling('S3', async () => {
      await s3Client().send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: createReadStream(path),
          ContentLength: (await stat(path)).size,
          ContentType: contentType,
          IfNoneMatch: '*',
        }),
      );
    });
  }

  get(key: string): Promise<Uint8Array> {
    return calling('S3', async () => {
      const out = await s3Client().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    });
  }

  head(key: string): Promise<{ size: number; contentType: string } | undefined> {
    return headObject(this.bucket, key);
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await s3Client().send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        }),
      );
    } catch {
      // Cleanup is best effort: an orphan object is invisible because no record points at it.
    }
  }

  downloadUrl(
    key: string,
    filename: string,
    expiresInSeconds: number,
    options: { inline?: boolean } = {},
  ): Promise<string> {
    return calling('S3', () =>
      getSignedUrl(
        s3Client(),
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ResponseContentDisposition: `${options.inline ? 'inline' : 'attachment'}; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
        }),
        { expiresIn: expiresInSeconds },
      ),
    );
  }
}
