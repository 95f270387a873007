import { readFileSync } from 'node:fs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/events/validate-template.js';
import { UnavailableError } from '../../shared/errors.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

const CANDIDATE = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const KEY = `templates/${CANDIDATE}.yaml`;
const BUCKET = 'incoming-test';
const MOU = readFileSync(new URL('../../templates/mou.yaml', import.meta.url));
const event = { Records: [{ s3: { bucket: { name: BUCKET }, object: { key: KEY } } }] } as unknown as S3Event;

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'agreements-test',
    DOCUMENTS_BUCKET: 'documents-test',
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  });
});

beforeEach(() => {
  ddb.on(GetCommand, { Key: { pk: 'TEMPLATES', sk: `CANDIDATE#${CANDIDATE}` } }).resolves({
    Item: {
      pk: 'TEMPLATES',
      sk: `CANDIDATE#${CANDIDATE}`,
      candidateId: CANDIDATE,
      status: 'pending',
      bucket: BUCKET,
      key: KEY,
      uploadedBy: { sub: 'u-biro-head', name: 'Dewi Lestari', role: 'biro_head' },
      uploadedAt: '2026-01-05T01:00:00.000Z',
    },
  });
  // No version was activated: the built-in one is in force.
  ddb.on(GetCommand, { Key: { pk: 'TEMPLATES', sk: 'ACTIVE#MOU' } }).resolves({});
  s3.on(HeadObjectCommand).resolves({ ContentLength: MOU.byteLength, ContentType: 'application/yaml' });
  s3.on(GetObjectCommand).resolves({
    Body: { transformToByteArray: async () => new Uint8Array(MOU) },
  } as never);
  s3.on(DeleteObjectsCommand).resolves({});
});

afterEach(() => {
  ddb.reset();
  s3.reset();
});

const putKeys = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key as string);
const removedKeys = () =>
  s3.commandCalls(DeleteObjectsCommand).flatMap((c) => c.args[0].input.Delete?.Objects?.map((o) => o.Key));

describe('a template check when storage fails', () => {
  it('throws for a retry, settles nothing and removes the samples it stored, when S3 fails midway', async () => {
    let puts = 0;
    s3.on(PutObjectCommand).callsFake(() => {
      puts += 1;
      if (puts === 5) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' });
      return {};
    });
    await expect(handler(event)).rejects.toBeInstanceOf(UnavailableError);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(putKeys()).toHaveLength(6);
    expect(removedKeys().sort()).toEqual(putKeys().sort());
  });

  it('throws for a retry and removes its samples when the verdict cannot be written', async () => {
    s3.on(PutObjectCommand).resolves({});
    ddb.on(UpdateCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(handler(event)).rejects.toBeInstanceOf(UnavailableError);
    expect(putKeys()).toHaveLength(12);
    expect(removedKeys().sort()).toEqual(putKeys().sort());
  });

  it('removes its samples when a concurrent check of the same event wrote the verdict first', async () => {
    s3.on(PutObjectCommand).resolves({});
    ddb.on(UpdateCommand).rejects(
      Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
      }),
    );
    expect(await handler(event)).toEqual({ results: [{ outcome: 'duplicate', candidateId: CANDIDATE }] });
    expect(putKeys()).toHaveLength(12);
    for (const key of putKeys()) expect(key).toMatch(new RegExp(`^templates/${CANDIDATE}/[0-9A-Z]{26}/mou-`));
    expect(removedKeys().sort()).toEqual(putKeys().sort());
  });

  it('checks nothing and writes nothing for an event of a candidate decided already', async () => {
    ddb.on(GetCommand, { Key: { pk: 'TEMPLATES', sk: `CANDIDATE#${CANDIDATE}` } }).resolves({
      Item: { candidateId: CANDIDATE, status: 'valid', bucket: BUCKET, key: KEY },
    });
    expect(await handler(event)).toEqual({ results: [{ outcome: 'duplicate', candidateId: CANDIDATE }] });
    expect(s3.calls()).toHaveLength(0);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
