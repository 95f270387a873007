import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { IndexName } from '../../../infra/table-design.js';
import type { Agreement } from '../../agreement/agreement.js';
import { ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { AuditEvent } from '../../workflow/audit.js';
import { RaceLostError } from '../../workflow/race.js';
import { dynamo } from './clients.js';
import { cancellationCodes, unavailable } from './errors.js';

/** Keys and item shapes of the single table shared by the agreement and archive stores (README, "Storage"). */
export const agreementPk = (id: string) => `AGR#${id}`;
export const HEAD = 'AGREEMENT';
export const eventSk = (seq: number) => `EVENT#${String(seq).padStart(6, '0')}`;
export const inboxSk = (stepId: string) => `INBOX#${stepId}`;

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

export function decodeCursor(index: IndexName, cursor: string): Record<string, unknown> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const c = decoded as { index?: unknown; key?: Record<string, unknown> };
  const key = c?.key;
  const valid =
    c?.index === index &&
    typeof key === 'object' &&
    key !== null &&
    Object.values(key).every((v) => typeof v === 'string' && v.length < 512);
  if (!valid) throw badCursor();
  return key;
}

/** Write items shared by the stores, and the transaction that turns a lost race into RaceLostError. */
export class TableWrites {
  constructor(readonly table: string) {}

  putNew(Item: Record<string, unknown>) {
    return { Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** Replaces the head only while it is still at the audit position the caller decided on. */
  putHead(agreement: Agreement, expectedSeq: number) {
    return {
      Put: {
        TableName: this.table,
        Item: headItem(agreement),
        ConditionExpression: '#le.#seq = :expected',
        ExpressionAttributeNames: { '#le': 'lastEvent', '#seq': 'seq' },
        ExpressionAttributeValues: { ':expected': expectedSeq },
      },
    };
  }

  eventItem(event: AuditEvent) {
    return this.putNew({ pk: agreementPk(event.agreementId), sk: eventSk(event.seq), ...event });
  }

  /** One transaction; losing a race (condition failed or a concurrent transaction) is a RaceLostError. */
  async write(id: string, items: Record<string, unknown>[]): Promise<void> {
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items as never }));
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')) {
        throw new RaceLostError(id);
      }
      throw unavailable('DynamoDB', error);
    }
  }
}
