import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { Page } from '../../ports/page.js';
import { RaceLostError } from '../../workflow/race.js';
import { dynamo } from './clients.js';
import { calling, cancellationCodes, unavailable } from './errors.js';
import { type IndexName, TABLE_INDEXES, TABLE_KEYS } from './table-design.js';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;
/** A Query of this table or one of its indexes; the table's name is filled in. */
export type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;
/** One write of a transaction (also run alone by `write`). */
export type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A filtered page is filled from at most this many reads before it is returned short. */
export const MAX_ROUNDS = 10;
/** Transactions that only collided with another one (no condition failed) are tried again this often. */
const CONFLICT_ATTEMPTS = 4;
/** DynamoDB's limit for a key value; ours are far shorter. */
const MAX_KEY_BYTES = 1024;

/** How a page's cursor says where the next page starts. */
export type Paging =
  /** A start key on an index, checked against the index's key attributes and the partition read. */
  | { index: IndexName; partition: string }
  /** A sort key within one partition of the table itself, which must have the partition's shape. */
  | { partition: string; sortKey: RegExp };

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

/**
 * The one place that talks to the single table: every DynamoDB adapter is a small class over it.
 * Reads and writes that fail for want of the service are a 503 (UnavailableError); a cursor that is
 * not one a page gave is a 400 naming `cursor`; a write whose condition failed is the caller's to
 * decide on (`write` answers false, `transact` throws RaceLostError).
 */
export class Table {
  constructor(readonly name: string) {}

  async get(key: Item, consistent = false): Promise<Item | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: consistent })),
    );
    return out.Item;
  }

  /** One request's items, however many more there are (a `Limit`ed look at the start of a range). */
  async query(input: Query): Promise<Item[]> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(new QueryCommand({ ...input, TableName: this.name })),
    );
    return out.Items ?? [];
  }

  /** Every item of the query, handed over a page at a time. */
  async queryPages(input: Query, page: (items: Item[]) => void | Promise<void>): Promise<void> {
    let start: Item | undefined;
    do {
      const out = await calling('DynamoDB', () =>
        dynamo().send(new QueryCommand({ ...input, TableName: this.name, ExclusiveStartKey: start })),
      );
      await page(out.Items ?? []);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Every item of the query (one partition, or a key range of it). */
  async queryAll(input: Query): Promise<Item[]> {
    const items: Item[] = [];
    await this.queryPages(input, (page) => {
      items.push(...page);
    });
    return items;
  }

  /**
   * Up to `limit` items that pass the query's filter, read in rounds until the page is full (at most
   * MAX_ROUNDS reads), and where the next read would start. Each read evaluates `limit` items still
   * missing, or `readAhead` when more: a selective filter then fills its page from a few large reads
   * instead of many small ones, and the page ends at its last item.
   */
  async rounds(
    input: Query,
    limit: number,
    start?: Item,
    readAhead = 0,
  ): Promise<{ items: Item[]; last?: Item }> {
    const items: Item[] = [];
    let last = start;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const out = await this.read({
        ...input,
        Limit: Math.max(limit - items.length, readAhead),
        ExclusiveStartKey: last,
      });
      items.push(...(out.Items ?? []));
      last = out.LastEvaluatedKey;
      if (!last) break;
    }
    if (items.length > limit) {
      items.length = limit;
      last = keyOf(items[limit - 1] as Item, input.IndexName as IndexName | undefined);
    }
    return last ? { items, last } : { items };
  }

  /**
   * One page of a list: `cursor` is the previous page's `nextCursor`, checked before DynamoDB sees it;
   * `readAhead` as `rounds` takes it (for filtered lists).
   */
  async page<T>(
    input: Query,
    paging: Paging,
    limit: number,
    cursor: string | undefined,
    map: (item: Item) => T,
    readAhead?: number,
  ): Promise<Page<T>> {
    const query = 'index' in paging ? { ...input, IndexName: paging.index } : input;
    const start = cursor === undefined ? undefined : decodeCursor(paging, cursor);
    const { items, last } = await this.rounds(query, limit, start, readAhead);
    const page: Page<T> = { items: items.map(map) };
    return last ? { ...page, nextCursor: encodeCursor(paging, last) } : page;
  }

  /**
   * Adds 1 to a number attribute (from 0 when absent) and answers the new value: one UpdateItem ADD,
   * which DynamoDB applies one at a time, so concurrent callers never see the same value.
   */
  async increment(key: Item, attribute: string): Promise<number> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new UpdateCommand({
          TableName: this.name,
          Key: key,
          UpdateExpression: 'ADD #n :one',
          ExpressionAttributeNames: { '#n': attribute },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(out.Attributes?.[attribute]);
  }

  /** A single write: true once done, false when its condition failed. */
  async write(write: Write): Promise<boolean> {
    try {
      if (write.Put) await dynamo().send(new PutCommand(write.Put));
      else if (write.Update) await dynamo().send(new UpdateCommand(write.Update));
      else if (write.Delete) await dynamo().send(new DeleteCommand(write.Delete));
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw unavailable('DynamoDB', error);
    }
  }

  /**
   * One transaction about agreement `id`. A collision with another transaction that failed no
   * condition (two agreements counted in the same shard) is tried again; a failed condition, or
   * collisions that persist, are a RaceLostError for the caller to decide on.
   */
  async transact(id: string, writes: Write[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await dynamo().send(new TransactWriteCommand({ TransactItems: writes }));
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

  /** A put that fails unless the item is new. */
  putNew(item: Item): Write {
    return { Put: { TableName: this.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  put(item: Item): Write {
    return { Put: { TableName: this.name, Item: item } };
  }

  delete(key: Item): Write {
    return { Delete: { TableName: this.name, Key: key } };
  }

  /**
   * One read of a page. When DynamoDB refuses the start key a cursor gave (one of the right shape
   * whose sort key lies outside the query's range, say), that is the client's mistake: a 400 naming
   * `cursor`, not an outage.
   */
  private async read(input: Omit<QueryCommandInput, 'TableName'>) {
    try {
      return await dynamo().send(new QueryCommand({ ...input, TableName: this.name }));
    } catch (error) {
      const refused =
        (error as { name?: string }).name === 'ValidationException' &&
        /start(ing)? ?key/i.test((error as Error).message ?? '');
      if (input.ExclusiveStartKey && refused) throw badCursor();
      throw unavailable('DynamoDB', error);
    }
  }
}

/** The key of `item` in the table, or in `index`: where a read resumes after it. */
function keyOf(item: Item, index: IndexName | undefined): Item {
  const design = TABLE_INDEXES.find((i) => i.name === index);
  const attributes: string[] = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey];
  if (design) attributes.push(design.partitionKey, design.sortKey);
  return Object.fromEntries(attributes.map((a) => [a, item[a]]));
}

function encodeCursor(paging: Paging, last: Item): string {
  return 'index' in paging
    ? Buffer.from(JSON.stringify({ index: paging.index, key: last })).toString('base64url')
    : Buffer.from(String(last.sk), 'utf8').toString('base64url');
}

/**
 * The start key a page cursor carries. On an index: exactly the table's and the index's key
 * attributes, non-empty strings, in the partition the query reads. In a partition of the table: a
 * sort key of the partition's shape. Anything else is a 400 naming `cursor`, never a request
 * DynamoDB refuses.
 */
function decodeCursor(paging: Paging, cursor: string): Item {
  if (!('index' in paging)) {
    const sk = Buffer.from(cursor, 'base64url').toString('utf8');
    if (cursor.length > 512 || !paging.sortKey.test(sk)) throw badCursor();
    return { [TABLE_KEYS.partitionKey]: paging.partition, [TABLE_KEYS.sortKey]: sk };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = decoded as { index?: unknown; key?: unknown };
  const key = c?.key as Item | undefined;
  const design = TABLE_INDEXES.find((i) => i.name === paging.index) as (typeof TABLE_INDEXES)[number];
  const attributes = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, design.partitionKey, design.sortKey];
  const valid =
    typeof c === 'object' &&
    c !== null &&
    c.index === paging.index &&
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).length === attributes.length &&
    attributes.every((a) => {
      const v = Object.hasOwn(key, a) ? key[a] : undefined;
      return typeof v === 'string' && v.length > 0 && Buffer.byteLength(v) <= MAX_KEY_BYTES;
    }) &&
    key[design.partitionKey] === paging.partition;
  if (!valid) throw badCursor();
  return key;
}
