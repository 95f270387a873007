import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as create } from '../../functions/api/create-agreement.js';
import { handler as get } from '../../functions/api/get-agreement.js';
import { handler as list } from '../../functions/api/list-agreements.js';
import { handler as preview } from '../../functions/api/preview.js';
import { handler as revise } from '../../functions/api/revise-agreement.js';
import { toResponse } from '../../functions/http.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { claimsOf } from '../../shared/identity/claims.js';
import { RaceLostError } from '../../shared/workflow/race.js';
import { sampleFor as sample } from '../support/samples.js';
import { answerCallers, storageCalls } from '../support/stored-users.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

beforeAll(() => {
  process.env.TABLE_NAME = 'agreements-test';
  process.env.REGION_ID = 'test';
  process.env.DOCUMENTS_BUCKET = 'documents-test';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});

// Every signed-in request reads its caller from the store first.
beforeEach(() => answerCallers(ddb, 'test'));

afterEach(() => {
  ddb.reset();
  s3.reset();
});

/** An API Gateway event as the JWT authorizer passes it: the demo user's claims on the request context. */
function event(
  partial: Partial<APIGatewayProxyEventV2>,
  username: string | null = 'dispar.penyusun',
): APIGatewayProxyEventV2 {
  const user = DEMO_USERS.find((u) => u.username === username);
  const authorizer = user ? { authorizer: { jwt: { claims: claimsOf(user), scopes: [] } } } : {};
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      ...authorizer,
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    ...partial,
  };
}

const postForm = (form: unknown, username = 'dispar.penyusun') =>
  event({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) }, username);

const bodyOf = (result: Awaited<ReturnType<typeof create>>) => JSON.parse(String(result.body));

const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' });

describe('handlers when storage fails', () => {
  it('answers 503 and removes the uploaded files when the DynamoDB transaction fails', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectsCommand).resolves({});
    // No template version was activated (answerCallers leaves it missing): the built-in one is in force.
    ddb.on(TransactWriteCommand).rejects(throttled());
    const result = await create(postForm(sample('mou')));
    expect(result.statusCode).toBe(503);
    const body = bodyOf(result);
    expect(body.error).toBe('unavailable');
    expect(body.message.en).toMatch(/nothing was saved/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|Throttling|stack/i);
    const uploaded = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);
    expect(uploaded).toHaveLength(2);
    const removed = s3
      .commandCalls(DeleteObjectsCommand)
      .flatMap((c) => c.args[0].input.Delete?.Objects?.map((o) => o.Key));
    expect(removed.sort()).toEqual(uploaded.sort());
  });

  it('answers a lost revision with 409 naming the winner, removing only its own files', async () => {
    const id = '01JAAAAAAAAAAAAAAAAAAAAAAA';
    const form = sample('mou');
    const actor = { sub: 'u-dispar-penyusun', name: 'Bayu Santoso', role: 'opd_drafter', unit: 'DISPAR' };
    // The current version was drafted with the built-in template, which the revision keeps.
    ddb.on(GetCommand, { Key: { pk: `AGR#${id}`, sk: 'VERSION#0001' } }).resolves({
      Item: { pk: `AGR#${id}`, sk: 'VERSION#0001', agreementId: id, version: 1, templateVersion: 1 },
    });
    ddb.on(GetCommand, { Key: { pk: `AGR#${id}`, sk: 'AGREEMENT' } }).resolves({
      Item: {
        pk: `AGR#${id}`,
        sk: 'AGREEMENT',
        id,
        documentType: 'MOU',
        category: form.category,
        status: 'draft',
        initiatingUnit: form.initiatingUnit,
        title: form.title,
        parties: [],
        fields: form.fields,
        currentVersion: 1,
        createdAt: '2026-01-05T01:00:00.000Z',
        updatedAt: '2026-01-05T01:00:00.000Z',
        workflow: { status: 'draft', approvals: [] },
        lastEvent: { seq: 1, hash: 'a'.repeat(64) },
      },
    });
    ddb.on(TransactWriteCommand).rejects(
      Object.assign(new Error('Transaction cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    // What the winner wrote: its revision, version 2.
    ddb.on(QueryCommand).resolves({
      Items: [
        { agreementId: id, seq: 2, at: '2026-01-05T02:00:00.000Z', actor, action: 'revise', version: 2 },
      ],
    });
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectsCommand).resolves({});
    const attempt = () =>
      revise({ ...postForm(form), pathParameters: { id } } as Parameters<typeof revise>[0]);
    const results = [await attempt(), await attempt()];
    for (const result of results) {
      expect(result.statusCode).toBe(409);
      expect(bodyOf(result).message.en).toBe(
        'Version 2 was saved first by Bayu Santoso (opd_drafter) at 2026-01-05T02:00:00.000Z: reload the draft and make your changes on that version',
      );
      expect(bodyOf(result).details).toMatchObject({ decidedBy: actor, action: 'revise', version: 2 });
    }
    const uploaded = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key as string);
    const removed = s3
      .commandCalls(DeleteObjectsCommand)
      .flatMap((c) => c.args[0].input.Delete?.Objects?.map((o) => o.Key));
    expect(removed.sort()).toEqual([...uploaded].sort());
    // Each attempt wrote under keys of its own: the files of version 2 that won are not among them.
    expect(new Set(uploaded).size).toBe(4);
    for (const key of uploaded)
      expect(key).toMatch(new RegExp(`^agreements/${id}/v2/[0-9A-Z]{26}/mou-${id}-v2\\.(pdf|docx)$`));
  });

  it('answers 503 and writes no record when S3 is down', async () => {
    s3.on(PutObjectCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' }));
    const result = await create(postForm(sample('pks'), 'disdik.penyusun'));
    expect(result.statusCode).toBe(503);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers 503 for reads when DynamoDB is down', async () => {
    ddb.on(GetCommand).rejects(throttled());
    ddb.on(QueryCommand).rejects(throttled());
    const got = await get(event({ pathParameters: { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' } }));
    expect(got.statusCode).toBe(503);
    const listed = await list(event({ queryStringParameters: { status: 'draft' } }));
    expect(listed.statusCode).toBe(503);
  });

  it('writes nothing at all for an invalid form', async () => {
    const form = sample('mou');
    form.parties = form.parties.slice(0, 1);
    const result = await create(postForm(form));
    expect(result.statusCode).toBe(400);
    expect(s3.calls()).toHaveLength(0);
    expect(storageCalls(ddb)).toHaveLength(0);
  });
});

describe('request checks', () => {
  it('answers a race lost after the last retry with 409, never 500', () => {
    const result = toResponse(new RaceLostError('01JAAAAAAAAAAAAAAAAAAAAAAA'), 'req-1');
    expect(result.statusCode).toBe(409);
    const body = JSON.parse(String(result.body));
    expect(body).toMatchObject({ error: 'conflict', details: { agreementId: '01JAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(body.message.en).toMatch(/changed by another request at the same moment: reload it/);
    expect(body.message.id).toMatch(/muat ulang/);
  });

  it('answers 401 without verified claims and 403 to a drafter of another unit', async () => {
    const anonymous = await get(event({ pathParameters: { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' } }, null));
    expect(anonymous.statusCode).toBe(401);
    const other = await create(postForm(sample('pks'), 'dispar.penyusun'));
    expect(other.statusCode).toBe(403);
    expect(bodyOf(other).message.en).toMatch(/Only an OPD drafter of DISDIK/);
    expect(s3.calls()).toHaveLength(0);
  });

  it('refuses a wrong content type with 415', async () => {
    const result = await create(event({ headers: { 'content-type': 'text/plain' }, body: '{}' }));
    expect(result.statusCode).toBe(415);
    expect(bodyOf(result).message.en).toMatch(/application\/json/);
  });

  it('refuses malformed JSON with 400', async () => {
    const result = await create(
      event({ headers: { 'content-type': 'application/json' }, body: '{"documentType":' }),
    );
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).message.en).toMatch(/not valid JSON/);
  });

  it('refuses an unknown list filter with the allowed values', async () => {
    const result = await list(event({ queryStringParameters: { status: 'lost' } }));
    expect(result.statusCode).toBe(400);
    expect(bodyOf(result).issues[0].path).toBe('status');
  });

  it('answers 404 for an id that cannot exist without asking DynamoDB', async () => {
    const result = await get(event({ pathParameters: { id: 'nope' } }));
    expect(result.statusCode).toBe(404);
    expect(storageCalls(ddb)).toHaveLength(0);
  });

  it('previews a PDF storing nothing: it only reads the region that completes the form and the template in force', async () => {
    const result = await preview(postForm(sample('loi')));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/pdf');
    expect(Buffer.from(String(result.body), 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(s3.calls()).toHaveLength(0);
    const reads = storageCalls(ddb).map((c) => c.args[0]);
    expect(reads.every((command) => command instanceof GetCommand)).toBe(true);
    const inputs = reads.map((c) => (c as GetCommand).input);
    expect(inputs.filter((input) => input.Key?.pk === 'TEMPLATES')).toEqual([
      { TableName: 'agreements-test', Key: { pk: 'TEMPLATES', sk: 'ACTIVE#LOI' }, ConsistentRead: true },
    ]);
    const others = inputs.filter((input) => input.Key?.pk !== 'TEMPLATES');
    expect(others.length).toBeGreaterThan(0);
    expect(others.map((input) => input.Key?.pk)).toEqual(others.map(() => `REGION#${process.env.REGION_ID}`));
  });
});
