import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { S3ArchiveCopies } from '../../shared/adapters/aws/s3-ingestion-files.js';
import { UnavailableError } from '../../shared/errors.js';

const s3 = mockClient(S3Client);
const copies = new S3ArchiveCopies('archive-test');
const KEY = 'archive/01JAAAAAAAAAAAAAAAAAAAAAAA/abc.pdf';
const MINE = { timestampedAt: '2026-12-01T01:00:00.000Z', timestampValidUntil: '2036-11-28T01:00:00.000Z' };
const THEIRS = { timestampedAt: '2026-12-01T01:00:01.000Z', timestampValidUntil: '2036-11-28T01:00:00.000Z' };

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } });

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});
afterEach(() => s3.reset());

describe('the archive’s copies in S3', () => {
  it('writes a copy only if absent, with its timestamp as metadata and a checksum for object lock', async () => {
    s3.on(PutObjectCommand).resolves({});
    const kept = await copies.keep(KEY, new Uint8Array([1, 2, 3]), MINE);
    expect(kept).toEqual({ bytes: new Uint8Array([1, 2, 3]), timestamp: MINE });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'archive-test',
      Key: KEY,
      IfNoneMatch: '*',
      ChecksumAlgorithm: 'SHA256',
      ContentType: 'application/pdf',
      Metadata: { 'timestamped-at': MINE.timestampedAt, 'timestamp-valid-until': MINE.timestampValidUntil },
    });
  });

  it('takes over the copy a concurrent writer stored first (412), never its own', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('PreconditionFailed', 412));
    s3.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => new Uint8Array([9, 9]) },
      Metadata: {
        'timestamped-at': THEIRS.timestampedAt,
        'timestamp-valid-until': THEIRS.timestampValidUntil,
      },
    } as never);
    expect(await copies.keep(KEY, new Uint8Array([1, 2, 3]), MINE)).toEqual({
      bytes: new Uint8Array([9, 9]),
      timestamp: THEIRS,
    });
  });

  it('answers no copy for a missing key, and a 503 for a storage that fails', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    expect(await copies.kept(KEY)).toBeUndefined();
    s3.on(GetObjectCommand).rejects(s3Error('ServiceUnavailable', 503));
    await expect(copies.kept(KEY)).rejects.toBeInstanceOf(UnavailableError);
    s3.on(PutObjectCommand).rejects(s3Error('InternalError', 500));
    await expect(copies.keep(KEY, new Uint8Array([1]), MINE)).rejects.toBeInstanceOf(UnavailableError);
  });
});
