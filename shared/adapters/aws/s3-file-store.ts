import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../../ports/files.js';
import { s3Client } from './clients.js';
import { calling } from './errors.js';

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

  downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string> {
    return calling('S3', () =>
      getSignedUrl(
        s3Client(),
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ResponseContentDisposition: `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
        }),
        { expiresIn: expiresInSeconds },
      ),
    );
  }
}
