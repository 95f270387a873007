import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { IndexName } from '../../../infra/table-design.js';
import type { Agreement, AgreementVersion } from '../../agreement/agreement.js';
import { ConflictError } from '../../errors.js';
import { COUNTER_SHARDS } from '../../evaluation/counters.js';
import type { Category, DocumentType } from '../../form/agreement-form.js';
import type { Role } from '../../identity/identity.js';
import type {
  AgreementFilter,
  AgreementStore,
  InboxEntry,
  MovedHead,
  OutboxMessage,
  Page,
  Transition,
} from '../../ports.js';
import type { AuditEvent } from '../../workflow/audit.js';
import { RaceLostError } from '../../workflow/race.js';
import type { Route } from '../../workflow/route.js';
import { dynamo } from './clients.js';
import { calling, unavailable } from './errors.js';
import {
  agreementPk,
  decodeCursor,
  encodeCursor,
  eventSk,
  HEAD,
  inboxSk,
  MAX_ROUNDS,
  movedHeadKey,
  queryPage,
  strip,
  TableWrites,
} from './table-items.js';

/**
 * Single-table layout (see README, "Storage"):
 *   AGR#<id> / AGREEMENT      the agreement head, carrying the list-index keys
 *   AGR#<id> / VERSION#0001   each immutable version (form, template, files)
 *   AGR#<id> / EVENT#000001   the hash-chained audit trail, never updated
 *   AGR#<id> / INBOX#<step>   an open step, indexed by role (and unit) in `inbox`
 *   ROUTE#<type>#<category> / ROUTE   a route changed by an admin (absent: the default)
 *   OUTBOX / <time>#<id>      notifications written with the transition that caused them
 *   IDEMPOTENCY#<sub>#<key> / IDEMPOTENCY   which agreement that user's create with that key made
 *   ANCHOR#<shard> / <id>     an agreement whose chain grew since the daily job last anchored it
 */
const versionSk = (n: number) => `VERSION#${String(n).padStart(4, '0')}`;
const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;
const routePk = (type: DocumentType, category: Category) => `ROUTE#${type}#${category}`;
export const inboxKey = (role: Role, unit?: string) => (unit ? `ROLE#${role}#UNIT#${unit}` : `ROLE#${role}`);

/** Idempotency records are kept a day: long enough for any client retry. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

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

export class DynamoAgreementStore implements AgreementStore {
  private readonly w: TableWrites;

  constructor(private readonly table: string) {
    this.w = new TableWrites(table);
  }

  private versionItem(version: AgreementVersion) {
    return this.w.putNew({
      pk: agreementPk(version.agreementId),
      sk: versionSk(version.version),
      ...version,
    });
  }

  async create(
    agreement: Agreement,
    version: AgreementVersion,
    event: AuditEvent,
    idempotencyKey?: string,
  ): Promise<{ id: string; created: boolean }> {
    const items = [...this.w.head(agreement, undefined), this.versionItem(version), this.w.eventItem(event)];
    if (idempotencyKey) {
      items.push(
        this.w.putNew({
          pk: idempotencyPk(idempotencyKey),
          sk: 'IDEMPOTENCY',
          agreementId: agreement.id,
          ttl: Math.floor(Date.parse(agreement.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        }),
      );
    }
    try {
      await this.w.write(agreement.id, items);
      return { id: agreement.id, created: true };
    } catch (error) {
      // A new agreement's own items cannot exist yet: a failed condition is the idempotency record.
      if (!(error instanceof RaceLostError)) throw error;
      const id = idempotencyKey ? await this.findByIdempotencyKey(idempotencyKey) : undefined;
      if (id) return { id, created: false };
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

  async addVersion(agreement: Agreement, version: AgreementVersion, event: AuditEvent, before: Agreement) {
    await this.w.write(agreement.id, [
      ...this.w.head(agreement, before),
      this.versionItem(version),
      this.w.eventItem(event),
    ]);
  }

  async transition(t: Transition): Promise<void> {
    const id = t.agreement.id;
    await this.w.write(id, [
      ...this.w.head(t.agreement, t.before),
      this.w.eventItem(t.event),
      ...t.close.map((stepId) => ({
        Delete: { TableName: this.table, Key: { pk: agreementPk(id), sk: inboxSk(stepId) } },
      })),
      ...t.open.map((entry) => ({
        Put: {
          TableName: this.table,
          Item: {
            pk: agreementPk(id),
            sk: inboxSk(entry.stepId),
            inboxKey: inboxKey(entry.role, entry.unit),
            inboxSort: `${entry.openedAt}#${id}#${entry.stepId}`,
            // Until its holders are reminded, the daily job finds it once it is overdue.
            scheduleKey: 'DUE',
            scheduleSort: `${entry.dueAt}#${id}#${entry.stepId}`,
            ...entry,
          },
        },
      })),
      ...t.outbox.map((m) => this.w.outboxItem(m)),
    ]);
  }

  async eventPages(
    id: string,
    range: { after: number; upTo: number },
    page: (events: AuditEvent[]) => void,
  ): Promise<void> {
    if (range.upTo <= range.after) return;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await calling('DynamoDB', () =>
        dynamo().send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': agreementPk(id),
              ':from': eventSk(range.after + 1),
              ':to': eventSk(range.upTo),
            },
            ExclusiveStartKey: start,
          }),
        ),
      );
      page((out.Items ?? []).map((i) => strip<AuditEvent>(i)));
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async lastEvent(id: string): Promise<AuditEvent | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': agreementPk(id), ':prefix': 'EVENT#' },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    );
    const item = out.Items?.[0];
    return item ? strip<AuditEvent>(item) : undefined;
  }

  async movedHeads(page: (heads: MovedHead[]) => Promise<void>): Promise<void> {
    for (let shard = 0; shard < COUNTER_SHARDS; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await calling('DynamoDB', () =>
          dynamo().send(
            new QueryCommand({
              TableName: this.table,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': `ANCHOR#${shard}` },
              ProjectionExpression: 'agreementId, seq',
              Limit: 100,
              ExclusiveStartKey: start,
            }),
          ),
        );
        await page((out.Items ?? []) as MovedHead[]);
        start = out.LastEvaluatedKey;
      } while (start);
    }
  }

  async anchored(head: MovedHead): Promise<void> {
    try {
      await dynamo().send(
        new DeleteCommand({
          TableName: this.table,
          Key: movedHeadKey(head.agreementId),
          // A head written since keeps its mark: what it added is anchored next time.
          ConditionExpression: 'seq = :seq',
          ExpressionAttributeValues: { ':seq': head.seq },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return;
      throw unavailable('DynamoDB', error);
    }
  }

  async inbox(
    role: Role,
    unit: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<InboxEntry>> {
    const partition = inboxKey(role, unit);
    const out = await queryPage({
      TableName: this.table,
      IndexName: 'inbox',
      KeyConditionExpression: 'inboxKey = :k',
      ExpressionAttributeValues: { ':k': partition },
      ScanIndexForward: false,
      Limit: limit,
      ...(cursor ? { ExclusiveStartKey: decodeCursor('inbox', cursor, partition) } : {}),
    });
    const items = (out.Items ?? []).map((i) => strip<InboxEntry>(i));
    return out.LastEvaluatedKey
      ? { items, nextCursor: encodeCursor('inbox', out.LastEvaluatedKey) }
      : { items };
  }

  async getRoute(documentType: DocumentType, category: Category): Promise<Route | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({ TableName: this.table, Key: { pk: routePk(documentType, category), sk: 'ROUTE' } }),
      ),
    );
    return out.Item ? strip<Route>(out.Item) : undefined;
  }

  async putRoute(route: Route): Promise<void> {
    const previous = route.version - 1;
    try {
      await dynamo().send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: routePk(route.documentType, route.category), sk: 'ROUTE', ...route },
          ConditionExpression: previous === 0 ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(previous === 0 ? {} : { ExpressionAttributeValues: { ':previous': previous } }),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new ConflictError(
          `The route was changed meanwhile: reload it (it is past version ${previous})`,
        );
      }
      throw unavailable('DynamoDB', error);
    }
  }

  async outbox(limit: number, to?: OutboxMessage['to']): Promise<OutboxMessage[]> {
    const names: Record<string, string> = { '#to': 'to', '#role': 'role', '#unit': 'unit' };
    const values: Record<string, unknown> = { ':pk': 'OUTBOX' };
    let filter: string | undefined;
    if (to) {
      values[':role'] = to.role;
      if (to.unit) values[':unit'] = to.unit;
      filter = to.unit
        ? '#to.#role = :role AND #to.#unit = :unit'
        : '#to.#role = :role AND attribute_not_exists(#to.#unit)';
    }
    const items: OutboxMessage[] = [];
    let start: Record<string, unknown> | undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const out = await calling('DynamoDB', () =>
        dynamo().send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: values,
            ScanIndexForward: false,
            Limit: limit - items.length,
            ExclusiveStartKey: start,
            ...(filter ? { FilterExpression: filter, ExpressionAttributeNames: names } : {}),
          }),
        ),
      );
      items.push(...(out.Items ?? []).map((i) => strip<OutboxMessage>(i)));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return items;
  }

  private async queryAll(pk: string, prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await calling('DynamoDB', () =>
        dynamo().send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
            ExclusiveStartKey: start,
          }),
        ),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
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
    return (await this.queryAll(agreementPk(id), 'VERSION#')).map((i) => strip<AgreementVersion>(i));
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
    let start = cursor ? decodeCursor(index, cursor, keyValue) : undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const out = await queryPage({ ...base, Limit: limit - items.length, ExclusiveStartKey: start });
      items.push(...(out.Items ?? []).map((i) => strip<Agreement>(i)));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return start ? { items, nextCursor: encodeCursor(index, start) } : { items };
  }
}
