import { CopyObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { ArchiveCopies, CopyTimestamp, KeptCopy } from '../../ports/archive-copies.js';
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
  private readonly copies: S3ArchiveCopies;

  constructor(archiveBucket: string) {
    super();
    this.copies = new S3ArchiveCopies(archiveBucket);
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

  kept(key: string) {
    return this.copies.kept(key);
  }

  keep(key: string, bytes: Uint8Array, timestamp: CopyTimestamp) {
    return this.copies.keep(key, bytes, timestamp);
  }
}

/** S3's user metadata names (lower case, as S3 gives them back). */
const TIMESTAMPED_AT = 'timestamped-at';
const VALID_UNTIL = 'timestamp-valid-until';

/** The archive bucket's copies (object-locked in the cloud). */
export class S3ArchiveCopies implements ArchiveCopies {
  constructor(private readonly bucket: string) {}

  kept(key: string): Promise<KeptCopy | undefined> {
    return calling('S3', async () => {
      try {
        const out = await s3Client().send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
        const meta = out.Metadata ?? {};
        return {
          bytes: out.Body ? await out.Body.transformToByteArray() : new Uint8Array(),
          timestamp: {
            timestampedAt: meta[TIMESTAMPED_AT] ?? '',
            timestampValidUntil: meta[VALID_UNTIL] ?? '',
          },
        };
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Written only if absent (object lock guards the cloud bucket too): a copy never changes. */
  async keep(key: string, bytes: Uint8Array, timestamp: CopyTimestamp): Promise<KeptCopy> {
    const written = await calling('S3', () =>
      s3Client()
        .send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: bytes,
            ContentType: 'application/pdf',
            Metadata: {
              [TIMESTAMPED_AT]: timestamp.timestampedAt,
              [VALID_UNTIL]: timestamp.timestampValidUntil,
            },
            IfNoneMatch: '*',
            // Object-locked buckets require an integrity checksum on every write.
            ChecksumAlgorithm: 'SHA256',
          }),
        )
        .then(
          () => true,
          (error: unknown) => {
            // A concurrent delivery stored its copy first: that one is the copy.
            if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412)
              return false;
            throw error;
          },
        ),
    );
    if (written) return { bytes, timestamp };
    const kept = await this.kept(key);
    if (!kept) throw new Error(`the archive refused ${key} as existing, yet has no such object`);
    return kept;
  }
}
