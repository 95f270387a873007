import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { S3AnchorLedger } from '../../shared/adapters/aws/s3-anchor-ledger.js';
import { eventSk } from '../../shared/adapters/aws/table-items.js';
import type { Agreement } from '../../shared/agreement/agreement.js';
import { type AuditEvent, seal } from '../../shared/workflow/audit.js';
import type { HistoryPage as Page } from '../../shared/workflow/audit-trail.js';
import { appendDownloads } from '../support/long-chain.js';
import { DRAFTER, sampleFor } from '../support/samples.js';
import { apiAs } from './support/api.js';
import { dailyJobOn } from './support/daily.js';
import { journey } from './support/journey.js';
import { useEmbeddedStack } from './support/stack.js';

const stack = useEmbeddedStack();
const as = (username: string) => apiAs(stack, username);
const { signedByRegion, upload } = journey(stack);
const today = new Date().toISOString().slice(0, 10);
const db = () => DynamoDBDocumentClient.from(new DynamoDBClient({}));

const history = async (id: string, query = '', user = 'evaluator'): Promise<Page> => {
  const res = await as(user)('GET', `/api/agreements/${id}/history${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
};

/** Every page of a history, following nextCursor. */
async function allPages(id: string, query: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    pages.push(await history(id, `?${query}${cursor ? `&cursor=${cursor}` : ''}`));
    cursor = pages.at(-1)?.nextCursor;
  } while (cursor);
  return pages;
}

/** The events as stored (or the one at `seq`), read straight from the table. */
async function storedEvents(id: string, seq?: number): Promise<AuditEvent[]> {
  const out = await db().send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':pk': `AGR#${id}`, ':e': seq ? eventSk(seq) : 'EVENT#' },
    }),
  );
  return (out.Items ?? []).map(({ pk: _, sk: __, ...e }) => e as AuditEvent);
}

const head = async (id: string): Promise<Agreement> =>
  (await as('evaluator')('GET', `/api/agreements/${id}`)).json;

/**
 * What someone with write access to the table alone can do: rewrite events and recompute every hash
 * after them from the genesis, then point the head at the new last link. `keep` drops events.
 */
async function rewriteChain(
  id: string,
  change: (e: AuditEvent) => AuditEvent,
  keep: (e: AuditEvent) => boolean = () => true,
) {
  const client = db();
  const stored = await storedEvents(id);
  let previous: { seq: number; hash: string } | undefined;
  for (const event of stored) {
    await client.send(
      new DeleteCommand({
        TableName: stack.env.TABLE_NAME,
        Key: { pk: `AGR#${id}`, sk: eventSk(event.seq) },
      }),
    );
  }
  for (const event of stored.filter(keep)) {
    const { seq: _, prevHash: __, hash: ___, ...body } = change(event);
    const sealed = seal(body, previous);
    await client.send(
      new PutCommand({
        TableName: stack.env.TABLE_NAME,
        Item: { pk: `AGR#${id}`, sk: eventSk(sealed.seq), ...sealed },
      }),
    );
    previous = { seq: sealed.seq, hash: sealed.hash };
  }
  const current = await client.send(
    new QueryCommand({
      TableName: stack.env.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': `AGR#${id}`, ':sk': 'AGREEMENT' },
    }),
  );
  await client.send(
    new PutCommand({
      TableName: stack.env.TABLE_NAME,
      Item: { ...current.Items?.[0], lastEvent: previous },
    }),
  );
}

/** A DISDIK PKS, submitted (two events), for tests that damage their agreement. */
async function submittedPks(): Promise<string> {
  const created = await as(DRAFTER.pks.username)('POST', '/api/agreements', sampleFor('pks'));
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  const submitted = await as(DRAFTER.pks.username)('POST', `/api/agreements/${id}/actions`, {
    action: 'submit',
    version: 1,
  });
  expect(submitted.status).toBe(200);
  return id;
}

describe('the history, a page at a time', () => {
  let id: string;
  let n: number;

  beforeAll(async () => {
    const signed = await signedByRegion('pks');
    id = signed.id;
    expect((await upload(id, signed.pdf)).status).toBe('accepted');
    // Every download is an audit event: 40 of them make the trail several pages long.
    for (let i = 0; i < 40; i++) {
      const res = await as(i % 2 ? 'evaluator' : 'biro.staf')('POST', `/api/archive/${id}/download`);
      expect(res.status).toBe(200);
    }
    n = (await storedEvents(id)).length;
  }, 120_000);

  it('pages oldest first through every event; each page answers for the whole chain', async () => {
    const pages = await allPages(id, 'limit=7');
    expect(pages).toHaveLength(Math.ceil(n / 7));
    const seqs = pages.flatMap((p) => p.events.map((e) => e.seq));
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(pages.flatMap((p) => p.events)).toEqual(await storedEvents(id));
    for (const page of pages) expect(page).toMatchObject({ length: n, chainIntact: true });
    expect(pages.at(-1)?.nextCursor).toBeUndefined();
    // The initiating OPD reads the same history; the other OPD does not learn it exists.
    expect((await history(id, '?limit=3', DRAFTER.pks.username)).events).toEqual(
      pages[0]?.events.slice(0, 3),
    );
    expect((await as('dispar.penyusun')('GET', `/api/agreements/${id}/history`)).status).toBe(404);
  });

  it('filters by action and to commented events, paging through the filtered ones', async () => {
    const downloads = (await allPages(id, 'action=download&limit=15')).flatMap((p) => p.events);
    expect(downloads).toHaveLength(40);
    expect(new Set(downloads.map((e) => e.action))).toEqual(new Set(['download']));
    const stored = await storedEvents(id);
    expect((await allPages(id, 'commented=true&limit=2')).flatMap((p) => p.events)).toEqual(
      stored.filter((e) => e.comment !== undefined),
    );
    const none = await history(id, '?action=terminate');
    expect(none).toMatchObject({ events: [], chainIntact: true, length: n });
    expect(none.nextCursor).toBeUndefined();
  });

  it('refuses crafted cursors and limits with a 400 that names the parameter', async () => {
    for (const [query, path] of [
      ['cursor=abc', 'cursor'],
      ['cursor=-1', 'cursor'],
      ['cursor=1e3', 'cursor'],
      ['cursor=1234567', 'cursor'],
      [`cursor=${Buffer.from('{"seq":3}').toString('base64url')}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['action=DROP%20TABLE', 'action'],
      ['commented=yes', 'commented'],
    ]) {
      const res = await as('evaluator')('GET', `/api/agreements/${id}/history?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.issues[0].path, query).toBe(path);
    }
    // A cursor past the end is an empty last page, not an error.
    expect(await history(id, `?cursor=${n + 10}`)).toMatchObject({ events: [], chainIntact: true });
  });
});

describe('a broken chain, seen from any page', () => {
  it('names the first altered event on every page, however far from it the page is', async () => {
    const id = await submittedPks();
    await appendDownloads(stack.env.TABLE_NAME as string, await head(id), 30);
    const client = db();
    const key = { pk: `AGR#${id}`, sk: eventSk(20) };
    const [event] = (await storedEvents(id)).filter((e) => e.seq === 20);
    await client.send(
      new PutCommand({
        TableName: stack.env.TABLE_NAME,
        Item: { ...key, ...event, actor: { ...event?.actor, name: 'Someone Else' } },
      }),
    );
    for (const query of ['?limit=5', '?cursor=25&limit=5', '?action=submit']) {
      expect(await history(id, query), query).toMatchObject({ chainIntact: false, brokenAt: 20, length: 32 });
    }
  });

  it('notices a tail cut off behind the head, and events missing in the middle', async () => {
    const id = await submittedPks();
    await appendDownloads(stack.env.TABLE_NAME as string, await head(id), 8);
    const client = db();
    await client.send(
      new DeleteCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `AGR#${id}`, sk: eventSk(10) } }),
    );
    expect(await history(id)).toMatchObject({ chainIntact: false, brokenAt: 10, length: 10 });
    await client.send(
      new DeleteCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `AGR#${id}`, sk: eventSk(4) } }),
    );
    expect(await history(id)).toMatchObject({ chainIntact: false, brokenAt: 5 });
  });
});

describe('anchors outside the table', () => {
  it('are written by the daily job for the chains that grew, once, and cover what came before', async () => {
    const id = await submittedPks();
    const before = await history(id);
    expect(before.anchor).toBeNull();
    expect(before.unanchored).toMatchObject({ from: 1, to: 2 });
    expect(before.unanchored?.since).toBe(before.events[0]?.at);

    const run = await dailyJobOn(stack, today).run();
    expect(run.anchors.anchored).toBeGreaterThanOrEqual(1);
    // (The chains broken on purpose above are refused, rightly.)
    expect(run.anchors.refused).not.toContain(id);
    const anchored = await history(id);
    expect(anchored.anchor).toMatchObject({ seq: 2, matches: true });
    expect(anchored.unanchored).toBeUndefined();
    expect((await dailyJobOn(stack, today).run()).anchors.anchored).toBe(0);

    // The next action is not anchored until the next run.
    const endorsed = await as(DRAFTER.pks.head)('POST', `/api/agreements/${id}/actions`, {
      action: 'endorse',
      version: 1,
    });
    expect(endorsed.status).toBe(200);
    expect(await history(id)).toMatchObject({
      anchor: { seq: 2, matches: true },
      unanchored: { from: 3, to: 3, since: endorsed.json.event.at },
    });
    await dailyJobOn(stack, today).run();
    expect((await history(id)).anchor).toMatchObject({ seq: 3, matches: true });
  });

  it('show a rewrite with every hash recomputed: the chain looks intact, the anchor does not match', async () => {
    const id = await submittedPks();
    await dailyJobOn(stack, today).run();
    expect((await history(id)).anchor).toMatchObject({ seq: 2, matches: true });

    await rewriteChain(id, (e) => (e.seq === 1 ? { ...e, actor: { ...e.actor, name: 'Pejabat Palsu' } } : e));
    const rewritten = await history(id);
    expect(rewritten.events[0]?.actor.name).toBe('Pejabat Palsu');
    expect(rewritten).toMatchObject({ chainIntact: true, anchor: { seq: 2, matches: false } });

    // The next legitimate action chains onto the forged head: the job refuses to anchor it, every run.
    const endorsed = await as(DRAFTER.pks.head)('POST', `/api/agreements/${id}/actions`, {
      action: 'endorse',
      version: 1,
    });
    expect(endorsed.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const run = await dailyJobOn(stack, today).run();
      expect(run.anchors.refused).toContain(id);
    }
    expect(await history(id)).toMatchObject({
      chainIntact: true,
      anchor: { seq: 2, matches: false },
      unanchored: { from: 3, to: 3 },
    });
  });

  it('show other rewrites too: the last event changed, the tail dropped, a comment inserted', async () => {
    const attacks: [string, (id: string) => Promise<void>][] = [
      [
        'last event changed',
        (id) => rewriteChain(id, (e) => (e.seq === 2 ? { ...e, action: 'withdraw' } : e)),
      ],
      [
        'tail dropped',
        (id) =>
          rewriteChain(
            id,
            (e) => e,
            (e) => e.seq < 2,
          ),
      ],
      [
        'comment inserted',
        (id) => rewriteChain(id, (e) => (e.seq === 1 ? { ...e, comment: 'disetujui lisan' } : e)),
      ],
    ];
    for (const [name, attack] of attacks) {
      const id = await submittedPks();
      await dailyJobOn(stack, today).run();
      await attack(id);
      const after = await history(id);
      expect(after.chainIntact, name).toBe(true);
      expect(after.anchor, name).toMatchObject({ seq: 2, matches: false });
    }
  });

  it('are never replaced once written', async () => {
    const id = await submittedPks();
    await dailyJobOn(stack, today).run();
    const ledger = new S3AnchorLedger(stack.env.ARCHIVE_BUCKET as string);
    const original = await ledger.latest(id);
    expect(original).toMatchObject({ agreementId: id, seq: 2 });
    await ledger.record({ agreementId: id, seq: 2, hash: 'f'.repeat(64), at: new Date().toISOString() });
    expect(await ledger.latest(id)).toEqual(original);
    expect((await history(id)).anchor).toMatchObject({ seq: 2, matches: true });
  });
});

describe('a chain of 13,000 downloads', () => {
  it('pages in bounded answers, verifies whole, and is anchored by the daily job', async () => {
    const id = await submittedPks();
    await appendDownloads(stack.env.TABLE_NAME as string, await head(id), 12_998);
    const res = await as('evaluator')('GET', `/api/agreements/${id}/history`);
    const bytes = Buffer.byteLength(JSON.stringify(res.json));
    expect(bytes).toBeLessThan(200_000);
    expect(res.json).toMatchObject({ length: 13_000, chainIntact: true, nextCursor: '100', anchor: null });
    expect(res.json.events).toHaveLength(100);
    const last = await history(id, '?cursor=12900&limit=500');
    expect(last.events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 12_901 + i));
    expect(last.nextCursor).toBeUndefined();

    const run = await dailyJobOn(stack, today).run();
    expect(run.anchors.refused).not.toContain(id);
    expect((await history(id, '?limit=1')).anchor).toMatchObject({ seq: 13_000, matches: true });

    // Breaks where the reads are split: a new round of reads at 8,001, a new read after 1,001 (deleted).
    const client = db();
    const [event] = (await storedEvents(id, 8_001)) as AuditEvent[];
    await client.send(
      new PutCommand({
        TableName: stack.env.TABLE_NAME,
        Item: { pk: `AGR#${id}`, sk: eventSk(8_001), ...event, at: '2030-01-01T00:00:00.000Z' },
      }),
    );
    expect(await history(id, '?limit=1')).toMatchObject({
      chainIntact: false,
      brokenAt: 8_001,
      anchor: { seq: 13_000, matches: false },
    });
    await client.send(
      new DeleteCommand({ TableName: stack.env.TABLE_NAME, Key: { pk: `AGR#${id}`, sk: eventSk(1_001) } }),
    );
    expect(await history(id, '?cursor=12999')).toMatchObject({ chainIntact: false, brokenAt: 1_002 });
  }, 180_000);
});
