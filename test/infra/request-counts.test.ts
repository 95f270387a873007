import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { dynamo, s3Client } from '../../shared/adapters/aws/clients.js';
import { DynamoOutbox } from '../../shared/adapters/aws/dynamo-outbox.js';
import { Table } from '../../shared/adapters/aws/table.js';
import { apiAs } from '../integration/support/api.js';
import { postForm } from '../integration/support/journey.js';
import { useEmbeddedStack } from '../integration/support/stack.js';
import { DRAFTER, sampleFor } from '../support/samples.js';

/**
 * The requests one agreement costs from draft to archive, counted on the embedded stack (the same
 * handlers and adapters as Lambda): the README's cost estimate multiplies these by AWS's prices.
 */
const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);

type Tally = Map<string, { requests: number; units: number }>;
let tally: Tally = new Map();
let httpCalls = 0;

function count(key: string, units = 0) {
  const t = tally.get(key) ?? { requests: 0, units: 0 };
  t.requests += 1;
  t.units += units;
  tally.set(key, t);
}

/**
 * Counts every DynamoDB and S3 call of the shared clients: for DynamoDB with the capacity units it
 * says it used (indexes included), for S3 writes with the bytes stored.
 */
function instrument() {
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const consumed = (
        result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
      ).ConsumedCapacity;
      const units = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      count(`DynamoDB ${(context.commandName ?? '').replace(/Command$/, '')}`, units);
      return result;
    },
    { step: 'initialize', name: 'countRequests' },
  );
  // At deserialisation, which only requests really sent reach: presigning a URL stops before it.
  s3Client().middlewareStack.add(
    (next, context) => async (args) => {
      // For writes, the bytes stored.
      const body = (args.input as { Body?: { length?: number } }).Body;
      count(`S3 ${(context.commandName ?? '').replace(/Command$/, '')}`, body?.length ?? 0);
      return next(args);
    },
    { step: 'deserialize', name: 'countRequests' },
  );
}

/** One phase's counts, and a fresh tally for the next. */
function phase(): Record<string, { requests: number; units: number }> & {
  lambda: { requests: number; units: number };
} {
  const result = { ...Object.fromEntries(tally), lambda: { requests: httpCalls, units: 0 } };
  tally = new Map();
  httpCalls = 0;
  return result;
}

const call = (user: string) => {
  const api = as(user);
  return async (method: string, path: string, body?: unknown) => {
    httpCalls += 1;
    const res = await api(method, path, body);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.json)}`).toBeLessThan(300);
    return res;
  };
};

describe('requests per agreement', () => {
  it('drafts, routes, signs and archives a foreign MoU without a scan, and reports what each phase used', async () => {
    // Sign-in tokens are issued up front, outside the counts (Cognito issues them in the cloud).
    const users = [DRAFTER.mou.username, DRAFTER.mou.head, 'biro.staf', 'biro.kepala', 'sekda', 'gubernur'];
    const api = Object.fromEntries(users.map((u) => [u, call(u)]));
    for (const u of users) await stack.token(u);
    instrument();
    const drafter = api[DRAFTER.mou.username] as ReturnType<typeof call>;

    // Draft: a preview, the draft, one revision, the drafter reading it back and listing.
    const form = sampleFor('mou');
    await drafter('POST', '/api/preview', form);
    const id = (await drafter('POST', '/api/agreements', form)).json.id as string;
    await drafter('POST', `/api/agreements/${id}/versions`, {
      ...form,
      title: { ...form.title, en: `${form.title.en} (revised)` },
    });
    await drafter('GET', `/api/agreements/${id}`);
    await drafter('GET', '/api/agreements');
    const draft = phase();

    // Route: each actor opens the inbox, the agreement, then acts; the consultation carries the ministry's letter.
    const letter = { name: 'surat.pdf', contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64') };
    const steps: [string, string, Record<string, unknown>?][] = [
      [DRAFTER.mou.username, 'submit'],
      [DRAFTER.mou.head, 'endorse'],
      ['biro.staf', 'approve'],
      ['biro.kepala', 'approve'],
      ['biro.staf', 'approve', { letter }],
      ['sekda', 'initial'],
    ];
    for (const [user, action, extra] of steps) {
      const actor = api[user] as ReturnType<typeof call>;
      await actor('GET', '/api/inbox');
      await actor('GET', `/api/agreements/${id}`);
      await actor('POST', `/api/agreements/${id}/actions`, { action, version: 2, ...extra });
    }
    const route = phase();

    // Sign: the head of region opens the inbox and the agreement, and signs.
    const head = api.gubernur as ReturnType<typeof call>;
    await head('GET', '/api/inbox');
    await head('GET', `/api/agreements/${id}`);
    const signed = await head('POST', `/api/agreements/${id}/sign`, { version: 2 });
    const sign = phase();

    // Archive: the partner-signed copy is uploaded through a presigned POST and ingested; then found and downloaded.
    const biro = api['biro.staf'] as ReturnType<typeof call>;
    const signedPdf = await fetchSigned(signed.json.signedDocument.key as string);
    const request = await biro('POST', `/api/agreements/${id}/uploads`);
    expect((await postForm(request.json, signedPdf)).status).toBe(204);
    count('S3 PostObject (presigned form, from the browser)', signedPdf.byteLength);
    await waitForIngestion(request.json.uploadId as string);
    await biro('GET', `/api/uploads/${request.json.uploadId}`);
    await biro('GET', '/api/archive?documentType=MOU');
    await biro('GET', `/api/archive/${id}`);
    await biro('POST', `/api/archive/${id}/download`);
    const archive = { ...phase() };
    archive.lambda.requests += 1; // the ingestion, invoked by S3

    // Every mailbox's messages: the outbox route shows each user only their own.
    const outbox = await new DynamoOutbox(new Table(stack.env.TABLE_NAME as string)).outbox(1000);
    const phases = { draft, route, sign, archive };
    console.log(JSON.stringify({ phases, notifications: outbox.length }, null, 1));
    for (const counts of Object.values(phases)) {
      expect(Object.keys(counts).some((k) => k.includes('Scan'))).toBe(false);
    }
    expect(Object.keys(archive)).toContain('DynamoDB TransactWriteItems');
  }, 120_000);
});

/** The region-signed PDF, read without counting (the partner has it from the region). */
async function fetchSigned(key: string): Promise<Uint8Array> {
  const s3 = new S3Client({ forcePathStyle: true });
  const out = await s3.send(new GetObjectCommand({ Bucket: stack.env.DOCUMENTS_BUCKET, Key: key }));
  return (await out.Body?.transformToByteArray()) as Uint8Array;
}

/** Waits for S3's event to be ingested, reading the upload with a client of its own (not counted). */
async function waitForIngestion(uploadId: string): Promise<void> {
  const ddb = new DynamoDBClient({});
  for (let i = 0; i < 200; i++) {
    const out = await ddb.send(
      new GetItemCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: { S: `UPLOAD#${uploadId}` }, sk: { S: 'UPLOAD' } },
      }),
    );
    if (out.Item?.status?.S !== 'pending') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('ingestion did not decide within 10 s');
}
