import { createHmac } from 'node:crypto';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as reportActivity } from '../../functions/api/report-activity.js';
import { handler as requestUpload } from '../../functions/api/request-upload.js';
import { handler as ingestUpload } from '../../functions/events/ingest-upload.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { MAX_UPLOAD_BYTES } from '../../shared/archive/inspect-pdf.js';
import { addDays } from '../../shared/evaluation/lifecycle.js';
import { claimsOf } from '../../shared/identity/claims.js';
import { answerCallers } from '../support/stored-users.js';
import { archivedHead, syntheticAgreement, syntheticRecord } from '../support/synthetic.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
const SECRET = 'upload-test-secret';
const REGION = 'ap-southeast-3';

beforeAll(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'agreements-test',
    REGION_ID: 'test',
    DOCUMENTS_BUCKET: 'documents-test',
    INCOMING_BUCKET: 'incoming-test',
    ARCHIVE_BUCKET: 'archive-test',
    // The ingestion's environment in the stack: the TSAs that seal what it archives.
    TSA_URLS: 'http://tsa.test/tsr',
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIDUPLOADTEST',
    AWS_SECRET_ACCESS_KEY: SECRET,
  });
});

// Every signed-in request reads its caller from the store first.
beforeEach(() => answerCallers(ddb, 'test'));

afterEach(() => {
  ddb.reset();
  s3.reset();
});

function post(path: Record<string, string>, username: string, body?: unknown): APIGatewayProxyEventV2 {
  const user = DEMO_USERS.find((u) => u.username === username);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    isBase64Encoded: false,
    pathParameters: path,
    requestContext: {
      requestId: 'req-1',
      authorizer: { jwt: { claims: claimsOf(user as never), scopes: [] } },
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

interface Form {
  url: string;
  method: string;
  fields: Record<string, string>;
  expiresAt: string;
  maxBytes: number;
}

/** The policy S3 enforces, read back from the form, after checking that it is what the signature covers. */
function policyOf(form: Form): { expiration: string; conditions: unknown[] } {
  const { Policy, 'X-Amz-Credential': credential, 'X-Amz-Signature': signature } = form.fields;
  const [, date, region, service] = (credential as string).split('/');
  const key = [date, region, service, 'aws4_request'].reduce<Buffer | string>(
    (k, part) =>
      createHmac('sha256', k)
        .update(part as string)
        .digest(),
    `AWS4${SECRET}`,
  );
  expect(
    createHmac('sha256', key)
      .update(Policy as string)
      .digest('hex'),
  ).toBe(signature);
  return JSON.parse(Buffer.from(Policy as string, 'base64').toString('utf8'));
}

const headItem = (a: Agreement) => ({ pk: `AGR#${a.id}`, sk: 'AGREEMENT', ...a });

describe('upload forms', () => {
  it('bind the signed copy to its key, application/pdf, 1 byte to 25 MB and five minutes', async () => {
    const agreement: Agreement = { ...syntheticAgreement(0), status: 'ready_to_sign' };
    ddb.on(GetCommand, { Key: { pk: `AGR#${agreement.id}` } }).resolves({ Item: headItem(agreement) });
    ddb.on(PutCommand).resolves({});
    const before = Date.now();
    const res = await requestUpload(post({ id: agreement.id }, 'biro.staf'));
    expect(res.statusCode, String(res.body)).toBe(201);
    const form = JSON.parse(String(res.body)) as Form & { uploadId: string };
    const key = `incoming/${agreement.id}/${form.uploadId}.pdf`;
    expect(form).toMatchObject({ method: 'POST', maxBytes: MAX_UPLOAD_BYTES });
    expect(form.url).toMatch(/^https:\/\/incoming-test\.s3\.ap-southeast-3\.amazonaws\.com\/?$/);
    expect(form.fields).toMatchObject({ key, 'Content-Type': 'application/pdf', bucket: 'incoming-test' });
    const policy = policyOf(form);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { key },
        { 'Content-Type': 'application/pdf' },
        { bucket: 'incoming-test' },
        ['content-length-range', 1, 25 * 1024 * 1024],
      ]),
    );
    // Nothing in the policy lets the key or type vary ("starts-with"), nor is there a second range.
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with/);
    expect(policy.conditions.filter((c) => Array.isArray(c))).toHaveLength(1);
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(295_000);
    expect(expires).toBeLessThanOrEqual(301_000);
    expect(Math.abs(Date.parse(form.expiresAt) - Date.parse(policy.expiration))).toBeLessThan(2000);
    // The upload is recorded, pending, under the same key.
    const stored = ddb.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(stored).toMatchObject({ key, bucket: 'incoming-test', status: 'pending' });
  });

  it('bind each activity attachment to its declared type and exact size', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const agreement = syntheticAgreement(0);
    const record = syntheticRecord({ ...agreement }, addDays(today, -400), 5);
    const { after } = archivedHead({ ...agreement, status: 'ready_to_sign' }, record, today);
    expect(after).toMatchObject({ status: 'active', initiatingUnit: { code: 'DISPAR' } });
    ddb.on(GetCommand, { Key: { pk: `AGR#${after.id}` } }).resolves({ Item: headItem(after) });
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(TransactWriteCommand).resolves({});
    const attachments = [
      { name: 'Laporan.pdf', contentType: 'application/pdf', size: 15 },
      { name: 'Foto kegiatan.jpg', contentType: 'image/jpeg', size: 2_345_678 },
      {
        name: 'Anggaran.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 20 * 1024 * 1024,
      },
    ];
    const res = await reportActivity(
      post({ id: after.id }, 'dispar.penyusun', {
        period: { from: addDays(today, -200), to: addDays(today, -20) },
        activities: ['Pertukaran pelajar'],
        outcomes: 'Dua puluh pelajar',
        benefits: 'Kemampuan bahasa',
        attachments,
      }),
    );
    expect(res.statusCode, String(res.body)).toBe(201);
    const { report, uploads } = JSON.parse(String(res.body)) as {
      report: { reportId: string };
      uploads: (Form & { name: string; key: string })[];
    };
    expect(uploads).toHaveLength(3);
    const extensions = ['pdf', 'jpg', 'xlsx'];
    uploads.forEach((form, i) => {
      const { contentType, size, name } = attachments[i] as (typeof attachments)[number];
      const key = `activities/${after.id}/${report.reportId}/${i + 1}.${extensions[i]}`;
      expect(form).toMatchObject({ name, key, method: 'POST', maxBytes: size });
      expect(form.url).toMatch(/^https:\/\/documents-test\.s3\./);
      expect(form.fields).toMatchObject({ key, 'Content-Type': contentType });
      const policy = policyOf(form);
      expect(policy.conditions).toEqual(
        expect.arrayContaining([
          { key },
          { 'Content-Type': contentType },
          ['content-length-range', size, size],
        ]),
      );
      expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(300_000);
    });
  });
});

describe('ingestion reads the object’s size and type before its bytes', () => {
  const agreementId = syntheticAgreement(0).id;
  const uploadId = '01J0000000000000000000000Z';
  const key = `incoming/${agreementId}/${uploadId}.pdf`;
  const event = {
    Records: [{ s3: { bucket: { name: 'incoming-test' }, object: { key, size: 1 } } }],
  } as never;

  const pendingUpload = () => {
    ddb.on(GetCommand).resolves({
      Item: {
        pk: `UPLOAD#${uploadId}`,
        sk: 'UPLOAD',
        uploadId,
        agreementId,
        bucket: 'incoming-test',
        key,
        status: 'pending',
        createdAt: '2026-01-01T00:00:00.000Z',
        createdBy: { sub: 'biro', name: 'Biro', role: 'biro_staff' },
      },
    });
    ddb.on(UpdateCommand).resolves({});
    s3.on(CopyObjectCommand).resolves({});
  };
  const quarantineReason = () => ddb.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues;

  const refusals: [string, { ContentLength: number; ContentType?: string }, string][] = [
    [
      'an object of 5 GB',
      { ContentLength: 5 * 1024 ** 3, ContentType: 'application/pdf' },
      'the file is larger than 25 MB (5120.0 MB)',
    ],
    [
      'one byte over the limit',
      { ContentLength: MAX_UPLOAD_BYTES + 1, ContentType: 'application/pdf' },
      'the file is larger than 25 MB (25.1 MB)',
    ],
    [
      'a PDF stored as a JPEG',
      { ContentLength: 1000, ContentType: 'image/jpeg' },
      'the file was not uploaded as a PDF: its type is image/jpeg',
    ],
    [
      'an object without a type',
      { ContentLength: 1000 },
      'the file was not uploaded as a PDF: its type is missing',
    ],
  ];
  for (const [what, head, reason] of refusals) {
    it(`quarantines ${what} without downloading it`, async () => {
      pendingUpload();
      s3.on(HeadObjectCommand).resolves(head);
      const { results } = await ingestUpload(event);
      expect(results).toEqual([{ outcome: 'quarantined', reason }]);
      expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
        Bucket: 'incoming-test',
        Key: key,
      });
      expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
      expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
      expect(s3.commandCalls(CopyObjectCommand)[0]?.args[0].input.Key).toBe(
        `quarantine/${agreementId}/${uploadId}.pdf`,
      );
      expect(quarantineReason()).toMatchObject({ ':q': 'quarantined', ':r': reason });
    });
  }

  it('takes a PDF type with parameters and reads the bytes only then', async () => {
    pendingUpload();
    s3.on(HeadObjectCommand).resolves({ ContentLength: 9, ContentType: 'Application/PDF; qs=0.9' });
    s3.on(GetObjectCommand).rejects(
      Object.assign(new Error('slow down'), { name: 'SlowDown', $fault: 'server' }),
    );
    await expect(ingestUpload(event)).rejects.toMatchObject({ name: 'UnavailableError', dependency: 'S3' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('quarantines an upload whose object is gone, without reading', async () => {
    pendingUpload();
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('not found'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }),
    );
    const { results } = await ingestUpload(event);
    expect(results).toEqual([{ outcome: 'quarantined', reason: 'the uploaded file is no longer there' }]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('fails as unavailable when S3 does, deciding nothing, so that the event is retried', async () => {
    pendingUpload();
    s3.on(HeadObjectCommand).rejects(
      Object.assign(new Error('internal'), {
        name: 'InternalError',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      }),
    );
    await expect(ingestUpload(event)).rejects.toMatchObject({ name: 'UnavailableError', dependency: 'S3' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(s3.commandCalls(CopyObjectCommand)).toHaveLength(0);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
