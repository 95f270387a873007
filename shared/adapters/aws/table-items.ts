import {
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { type IndexName, TABLE_INDEXES, TABLE_KEYS } from '../../../infra/table-design.js';
import type { Agreement } from '../../agreement/agreement.js';
import { ValidationError } from '../../errors.js';
import { counterDelta, type Dimension, shardOf } from '../../evaluation/counters.js';
import type { ListEntry, ListSlot } from '../../evaluation/lists.js';
import { say } from '../../form/messages.js';
import type { OutboxMessage } from '../../ports.js';
import type { AuditEvent } from '../../workflow/audit.js';
import { RaceLostError } from '../../workflow/race.js';
import { dynamo } from './clients.js';
import { cancellationCodes, unavailable } from './errors.js';

/** Keys and item shapes of the single table shared by the agreement and archive stores (README, "Storage"). */
export const agreementPk = (id: string) => `AGR#${id}`;
export const HEAD = 'AGREEMENT';
export const eventSk = (seq: number) => `EVENT#${String(seq).padStart(6, '0')}`;
export const inboxSk = (stepId: string) => `INBOX#${stepId}`;
/** All counters in one partition, so that the summary is one Query; shards are separate items. */
export const COUNTERS = 'COUNTERS';
export const counterKey = (shard: number, dimension: Dimension) => ({
  pk: COUNTERS,
  sk: `${dimension}#${shard}`,
});
/**
 * Heads whose chain grew since the daily job last anchored them, spread over the counters' shards;
 * each agreement is one item, overwritten by every head write, so writers never contend on it.
 */
export const movedHeadKey = (id: string) => ({ pk: `ANCHOR#${shardOf(id)}`, sk: id });

/** Transactions that only collided with another one (no condition failed) are tried again this often. */
const CONFLICT_ATTEMPTS = 4;

export const listSk = (slot: ListSlot) => `EVAL#${slot}`;

/** An agreement's entry in one evaluation list, carrying what the list shows. */
export function listItem(id: string, entry: ListEntry, summary: Record<string, unknown>) {
  return {
    ...summary,
    pk: agreementPk(id),
    sk: listSk(entry.slot),
    evalKey: entry.partition,
    evalSort: `${entry.date}#${id}`,
  };
}

/** A filtered page is filled from at most this many index reads before it is returned short. */
export const MAX_ROUNDS = 10;

export function headItem(a: Agreement) {
  return {
    pk: agreementPk(a.id),
    sk: HEAD,
    ...a,
    listKey: `${a.createdAt}#${a.id}`,
    unitKey: `UNIT#${a.initiatingUnit.code}`,
    statusKey: `STATUS#${a.status}`,
    typeKey: `TYPE#${a.documentType}`,
    allKey: 'AGREEMENT',
    // The daily job finds agreements with something due through the sparse `schedule` index.
    ...(a.lifecycle?.nextDue
      ? { scheduleKey: 'LIFECYCLE', scheduleSort: `${a.lifecycle.nextDue}#${a.id}` }
      : {}),
  };
}

const STORAGE_FIELDS = [
  'archiveKey',
  'archiveSort',
  'pk',
  'sk',
  'listKey',
  'unitKey',
  'statusKey',
  'typeKey',
  'allKey',
  'ttl',
  'inboxKey',
  'inboxSort',
  'evalKey',
  'evalSort',
  'scheduleKey',
  'scheduleSort',
];

export function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const f of STORAGE_FIELDS) delete copy[f];
  return copy as T;
}

const badCursor = () =>
  new ValidationError([
    {
      path: 'cursor',
      message: say(
        'tidak sah: gunakan nextCursor dari halaman sebelumnya dengan filter yang sama',
        'is invalid: use the nextCursor of the previous page with the same filters',
      ),
    },
  ]);

export function encodeCursor(index: IndexName, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ index, key })).toString('base64url');
}

/** The attributes of a start key on `index`: the table's keys and the index's, all strings. */
function startKeyAttributes(index: IndexName): { partition: string; all: string[] } {
  const design = TABLE_INDEXES.find((i) => i.name === index) as (typeof TABLE_INDEXES)[number];
  return {
    partition: design.partitionKey,
    all: [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, design.partitionKey, design.sortKey],
  };
}

/** DynamoDB's limit for a sort key value; ours are far shorter. */
const MAX_KEY_BYTES = 1024;

/**
 * The start key a page cursor carries, checked against the key schema of `index` (exactly its key
 * attributes, non-empty strings) and, when given, the partition the query reads: a crafted or
 * foreign cursor is a 400 naming `cursor`, never a request DynamoDB refuses.
 */
export function decodeCursor(index: IndexName, cursor: string, partition?: string): Record<string, unknown> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = decoded as { index?: unknown; key?: unknown };
  const key = c?.key as Record<string, unknown> | undefined;
  const attributes = startKeyAttributes(index);
  const valid =
    typeof c === 'object' &&
    c !== null &&
    c.index === index &&
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).length === attributes.all.length &&
    attributes.all.every((a) => {
      const v = Object.hasOwn(key, a) ? key[a] : undefined;
      return typeof v === 'string' && v.length > 0 && Buffer.byteLength(v) <= MAX_KEY_BYTES;
    }) &&
    (partition === undefined || key[attributes.partition] === partition);
  if (!valid) throw badCursor();
  return key;
}

/** A cursor within one partition of the table itself: the sort key to continue after. */
export const encodeSortCursor = (sk: string) => Buffer.from(sk, 'utf8').toString('base64url');

/** The sort key a cursor names, refused unless it has the partition's `shape` (nothing else reaches DynamoDB). */
export function decodeSortCursor(cursor: string, shape: RegExp): string {
  const sk = Buffer.from(cursor, 'base64url').toString('utf8');
  if (cursor.length > 512 || !shape.test(sk)) throw badCursor();
  return sk;
}

/**
 * One page's Query. When DynamoDB refuses the start key a cursor gave (one of the right shape whose
 * sort key lies outside the query's range, say), that is the client's mistake: a 400 naming
 * `cursor`, not an outage.
 */
export async function queryPage(input: QueryCommandInput): Promise<QueryCommandOutput> {
  try {
    return await dynamo().send(new QueryCommand(input));
  } catch (error) {
    const refused =
      (error as { name?: string }).name === 'ValidationException' &&
      /start(ing)? ?key/i.test((error as Error).message ?? '');
    if (input.ExclusiveStartKey && refused) throw badCursor();
    throw unavailable('DynamoDB', error);
  }
}

/** Write items shared by the stores, and the transaction that turns a lost race into RaceLostError. */
export class TableWrites {
  constructor(readonly table: string) {}

  putNew(Item: Record<string, unknown>) {
    return { Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /**
   * Replaces the head only while it is still at the audit position the caller decided on (a new
   * head only if there is none), moves the agreement's counters from `before` to `after`, and marks
   * its chain for the next anchor.
   */
  head(after: Agreement, before: Agreement | undefined): Record<string, unknown>[] {
    const put = before
      ? {
          Put: {
            TableName: this.table,
            Item: headItem(after),
            ConditionExpression: '#le.#seq = :expected',
            ExpressionAttributeNames: { '#le': 'lastEvent', '#seq': 'seq' },
            ExpressionAttributeValues: { ':expected': before.lastEvent.seq },
          },
        }
      : this.putNew(headItem(after));
    const moved = {
      Put: {
        TableName: this.table,
        Item: { ...movedHeadKey(after.id), agreementId: after.id, seq: after.lastEvent.seq },
      },
    };
    return [put, moved, ...this.counters(after.id, before, after)];
  }

  /** ADDs to the counter items of the agreement's shard, one item per dimension touched. */
  private counters(id: string, before: Agreement | undefined, after: Agreement) {
    const shard = shardOf(id);
    return [...counterDelta(before, after)].map(([dimension, tally]) => {
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const adds = [...tally].map(([key, n], i) => {
        names[`#c${i}`] = key;
        values[`:c${i}`] = n;
        return `#c${i} :c${i}`;
      });
      return {
        Update: {
          TableName: this.table,
          Key: counterKey(shard, dimension),
          UpdateExpression: `ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    });
  }

  /** A notification, delivered from the table's stream once the transaction that made it commits. */
  outboxItem(m: OutboxMessage) {
    return { Put: { TableName: this.table, Item: { pk: 'OUTBOX', sk: `${m.at}#${m.id}`, ...m } } };
  }

  eventItem(event: AuditEvent) {
    return this.putNew({ pk: agreementPk(event.agreementId), sk: eventSk(event.seq), ...event });
  }

  /**
   * One transaction. A collision with another transaction that failed no condition (two agreements
   * counted in the same shard) is tried again; a failed condition, or collisions that persist, are
   * a RaceLostError for the caller to decide on.
   */
  async write(id: string, items: Record<string, unknown>[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await dynamo().send(new TransactWriteCommand({ TransactItems: items as never }));
        return;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.includes('ConditionalCheckFailed')) throw new RaceLostError(id);
        if (codes?.includes('TransactionConflict')) {
          if (attempt >= CONFLICT_ATTEMPTS) throw new RaceLostError(id);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
          continue;
        }
        throw unavailable('DynamoDB', error);
      }
    }
  }
}
