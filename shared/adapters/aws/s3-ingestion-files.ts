import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { IngestionFiles, StoredObjects } from '../../ports/ingestion-files.js';
import { s3Client } from './clients.js';
import { calling } from './errors.js';
import { headObject, notFound } from './s3-file-store.js';

/** Uploaded objects in any bucket the function may read. */
export class S3StoredObjects implements StoredObjects {
  head(bucket: string, key: string): Promise<{ size: number; contentType: string } | undefined> {
    return headObject(bucket, key);
  }

  get(bucket: string, key: string): Promise<Uint8Array> {
    return calling('S3', async () => {
      const out = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body ? out.Body.transformToByteArray() : new Uint8Array();
    });
  }
}

/** Incoming uploads and the write-once archive bucket. */
export class S3IngestionFiles extends S3StoredObjects implements IngestionFiles {
  constructor(private readonly archiveBucket: string) {
    super();
  }

  quarantine(bucket: string, key: string): Promise<string> {
    const target = `quarantine/${key.replace(/^incoming\//, '')}`;
    return calling('S3', async () => {
      // An event for an object that is gone (deleted, or never there) leaves nothing to keep.
      await s3Client()
        .send(
          new CopyObjectCommand({ Bucket: bucket, Key: target, CopySource: `${bucket}/${encodeURI(key)}` }),
        )
        .catch((error: unknown) => {
          if (!notFound(error)) throw error;
        });
      return target;
    });
  }

  /**
   * Archived copies are never overwritten: the key carries the file's SHA-256, an existing object is
   * the same file, and a write is conditional on absence (object lock guards the cloud bucket too).
   */
  async archive(key: string, bytes: Uint8Array): Promise<void> {
    if (await this.head(this.archiveBucket, key)) return;
    await calling('S3', () =>
      s3Client().send(
        new PutObjectCommand({
          Bucket: this.archiveBucket,
          Key: key,
          Body: bytes,
          ContentType: 'application/pdf',
          IfNoneMatch: '*',
          // Object-locked buckets require an integrity checksum on every write.
          ChecksumAlgorithm: 'SHA256',
        }),
      ),
    );
  }
}
