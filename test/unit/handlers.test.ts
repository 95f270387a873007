import { DeleteObjectsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler as create } from '../../functions/api/create-agreement.js';
import { handler as get } from '../../functions/api/get-agreement.js';
import { handler as list } from '../../functions/api/list-agreements.js';
import { handler as preview } from '../../functions/api/preview.js';
import { DEMO_USERS } from '../../infra/local/demo-users.js';
import { claimsOf } from '../../shared/identity/claims.js';
import { sampleFor as sample } from '../support/samples.js';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

beforeAll(() => {
  process.env.TABLE_NAME = 'agreements-test';
  process.env.DOCUMENTS_BUCKET = 'documents-test';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});

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
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('request checks', () => {
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
    expect(ddb.calls()).toHaveLength(0);
  });

  it('previews a PDF without touching storage', async () => {
    const result = await preview(postForm(sample('loi')));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/pdf');
    expect(Buffer.from(String(result.body), 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(s3.calls()).toHaveLength(0);
    expect(ddb.calls()).toHaveLength(0);
  });
});
