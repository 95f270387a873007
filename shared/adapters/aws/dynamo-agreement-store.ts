import {
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IndexName } from '../../../infra/table-design.js';
import type { Agreement, AgreementVersion } from '../../agreement/agreement.js';
import { ConflictError, ValidationError } from '../../errors.js';
import { say } from '../../form/messages.js';
import type { AgreementFilter, AgreementStore, Page } from '../../ports.js';
import { dynamo } from './clients.js';
import { calling, cancellationCodes, unavailable } from './errors.js';

/**
 * Single-table layout (see README, "Storage"):
 *   AGR#<id> / AGREEMENT      the agreement head, carrying the list-index keys
 *   AGR#<id> / VERSION#0001   each immutable version (form, template, files)
 *   IDEMPOTENCY#<key> / IDEMPOTENCY   which agreement a create with that key made
 */
const agreementPk = (id: string) => `AGR#${id}`;
const HEAD = 'AGREEMENT';
const versionSk = (n: number) => `VERSION#${String(n).padStart(4, '0')}`;
const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;

/** Idempotency records are kept a day: long enough for any client retry. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** A filtered page is filled from at most this many index reads before it is returned short. */
const MAX_ROUNDS = 10;

function headItem(a: Agreement) {
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

const STORAGE_FIELDS = ['pk', 'sk', 'listKey', 'unitKey', 'statusKey', 'typeKey', 'allKey', 'ttl'];

function strip<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const f of STORAGE_FIELDS) delete copy[f];
  return copy as T;
}

interface QueryPlan {
  index: IndexName;
  keyAttribute: string;
  keyValue: string;
  /** Attribute path and value pairs that the filter expression checks. */
  rest: [string, string][];
}

/** The index that narrows a filter most; the other criteria go into a filter expression. */
function plan(filter: AgreementFilter): QueryPlan {
  const criteria = [
    {
      index: 'byUnit',
      keyAttribute: 'unitKey',
      prefix: 'UNIT#',
      attribute: 'initiatingUnit.code',
      value: filter.unit,
    },
    {
      index: 'byStatus',
      keyAttribute: 'statusKey',
      prefix: 'STATUS#',
      attribute: 'status',
      value: filter.status,
    },
    {
      index: 'byType',
      keyAttribute: 'typeKey',
      prefix: 'TYPE#',
      attribute: 'documentType',
      value: filter.documentType,
    },
    { index: 'all', keyAttribute: 'allKey', prefix: '', attribute: 'category', value: filter.category },
  ] as const;
  const chosen = criteria.find((c) => c.value !== undefined && c.index !== 'all');
  const rest = criteria
    .filter((c) => c !== chosen && c.value !== undefined)
    .map((c): [string, string] => [c.attribute, c.value as string]);
  if (!chosen) return { index: 'all', keyAttribute: 'allKey', keyValue: 'AGREEMENT', rest };
  return {
    index: chosen.index,
    keyAttribute: chosen.keyAttribute,
    keyValue: `${chosen.prefix}${chosen.value}`,
    rest,
  };
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

function encodeCursor(index: IndexName, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ index, key })).toString('base64url');
}

function decodeCursor(index: IndexName, cursor: string): Record<string, unknown> {
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

export class DynamoAgreementStore implements AgreementStore {
  constructor(private readonly table: string) {}

  async create(
    agreement: Agreement,
    version: AgreementVersion,
    idempotencyKey?: string,
  ): Promise<{ id: string; created: boolean }> {
    const items = [
      {
        Put: {
          TableName: this.table,
          Item: headItem(agreement),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk: agreementPk(agreement.id), sk: versionSk(version.version), ...version },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (idempotencyKey) {
      items.push({
        Put: {
          TableName: this.table,
          Item: {
            pk: idempotencyPk(idempotencyKey),
            sk: 'IDEMPOTENCY',
            agreementId: agreement.id,
            ttl: Math.floor(Date.parse(agreement.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          } as never,
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return { id: agreement.id, created: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (idempotencyKey && codes?.[2] === 'ConditionalCheckFailed') {
        const id = await this.findByIdempotencyKey(idempotencyKey);
        if (id) return { id, created: false };
      }
      throw unavailable('DynamoDB', error);
    }
  }

  async findByIdempotencyKey(key: string): Promise<string | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: idempotencyPk(key), sk: 'IDEMPOTENCY' },
          ConsistentRead: true,
        }),
      ),
    );
    return out.Item?.agreementId as string | undefined;
  }

  async addVersion(agreement: Agreement, version: AgreementVersion, expectedVersion: number): Promise<void> {
    const head = headItem(agreement);
    const { pk, sk, ...attributes } = head;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const sets = Object.entries(attributes).map(([name, value], i) => {
      names[`#a${i}`] = name;
      values[`:v${i}`] = value;
      return `#a${i} = :v${i}`;
    });
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk, sk },
                UpdateExpression: `SET ${sets.join(', ')}`,
                ConditionExpression: 'currentVersion = :expected',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { pk, sk: versionSk(version.version), ...version },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) {
        throw new ConflictError(
          `Agreement ${agreement.id} has changed since version ${expectedVersion}: reload it and submit your edits again`,
          { expectedVersion },
        );
      }
      throw unavailable('DynamoDB', error);
    }
  }

  async get(id: string): Promise<Agreement | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(new GetCommand({ TableName: this.table, Key: { pk: agreementPk(id), sk: HEAD } })),
    );
    return out.Item ? strip<Agreement>(out.Item) : undefined;
  }

  async getVersion(id: string, version: number): Promise<AgreementVersion | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({ TableName: this.table, Key: { pk: agreementPk(id), sk: versionSk(version) } }),
      ),
    );
    return out.Item ? strip<AgreementVersion>(out.Item) : undefined;
  }

  async listVersions(id: string): Promise<AgreementVersion[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await calling('DynamoDB', () =>
        dynamo().send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
            ExpressionAttributeValues: { ':pk': agreementPk(id), ':v': 'VERSION#' },
            ExclusiveStartKey: start,
          }),
        ),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items.map((i) => strip<AgreementVersion>(i));
  }

  async list(filter: AgreementFilter, limit: number, cursor?: string): Promise<Page<Agreement>> {
    const { index, keyAttribute, keyValue, rest } = plan(filter);
    const names: Record<string, string> = { '#k': keyAttribute };
    const values: Record<string, unknown> = { ':k': keyValue };
    const filters = rest.map(([attribute, v], i) => {
      const path = attribute.split('.').map((part, j) => {
        names[`#f${i}_${j}`] = part;
        return `#f${i}_${j}`;
      });
      values[`:f${i}`] = v;
      return `${path.join('.')} = :f${i}`;
    });
    const base: QueryCommandInput = {
      TableName: this.table,
      IndexName: index,
      KeyConditionExpression: '#k = :k',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    };
    const items: Agreement[] = [];
    let start = cursor ? decodeCursor(index, cursor) : undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const out = await calling('DynamoDB', () =>
        dynamo().send(new QueryCommand({ ...base, Limit: limit - items.length, ExclusiveStartKey: start })),
      );
      items.push(...(out.Items ?? []).map((i) => strip<Agreement>(i)));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return start ? { items, nextCursor: encodeCursor(index, start) } : { items };
  }
}
