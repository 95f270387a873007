import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_USERS } from '../infra/local/demo-users.js';
import type { EmbeddedStack } from '../infra/local/stack.js';
import { inboxKey } from '../shared/adapters/aws/table-items.js';
import { sampleFor } from '../test/support/samples.js';
import { report } from './stats.js';

const user = (username: string) => {
  const u = DEMO_USERS.find((d) => d.username === username);
  if (!u) throw new Error(username);
  return u;
};

async function client(stack: EmbeddedStack, username: string) {
  const token = await stack.auth.issue(user(username));
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as { id: string };
    if (res.status >= 300)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** One approval (the OPD head's endorsement) through HTTP, on as many submitted drafts. */
export async function transitionBench(stack: EmbeddedStack, runs = 100) {
  const drafter = await client(stack, 'disdik.penyusun');
  const head = await client(stack, 'disdik.kepala');
  const ids: string[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const { id } = await drafter('POST', '/api/agreements', sampleFor('pks'));
    await drafter('POST', `/api/agreements/${id}/actions`, { action: 'submit', version: 1 });
    ids.push(id);
  }
  const samples: number[] = [];
  for (const [i, id] of ids.entries()) {
    const ms = await timed(() =>
      head('POST', `/api/agreements/${id}/actions`, { action: 'endorse', version: 1 }),
    );
    if (i >= 10) samples.push(ms);
  }
  report('approval transition over HTTP', samples, '≤ 40 ms median');
}

/** The Biro's inbox with 10,000 agreements in the table, a third of them waiting for the Biro. */
export async function inboxBench(stack: EmbeddedStack, agreements = 10_000, runs = 100) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const table = stack.env.TABLE_NAME as string;
  const roles = ['biro_staff', 'sekda', 'opd_head'] as const;
  const items = Array.from({ length: agreements }, (_, i) => {
    const id = `BENCH${String(i).padStart(21, '0')}`;
    const role = roles[i % roles.length] as (typeof roles)[number];
    const unit = role === 'opd_head' ? 'DISDIK' : undefined;
    const openedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    return {
      pk: `AGR#${id}`,
      sk: 'INBOX#step',
      inboxKey: inboxKey(role, unit),
      inboxSort: `${openedAt}#${id}#step`,
      agreementId: id,
      stepId: 'step',
      role,
      ...(unit ? { unit } : {}),
      kind: 'review',
      title: { id: `Kerja sama nomor ${i}` },
      documentType: 'MOU',
      category: 'KSDD',
      version: 1,
      openedAt,
      dueAt: new Date(Date.parse(openedAt) + 7 * 86_400_000).toISOString(),
    };
  });
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await db.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
  }
  const biro = await client(stack, 'biro.staf');
  const samples: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const ms = await timed(() => biro('GET', '/api/inbox?limit=50'));
    if (i >= 10) samples.push(ms);
  }
  report(`inbox query, ${agreements} agreements in the table`, samples, '≤ 30 ms median');
}
