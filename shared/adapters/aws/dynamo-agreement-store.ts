import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { IndexName } from '../../../infra/table-design.js';
import type { Agreement, AgreementVersion } from '../../agreement/agreement.js';
import type { ArchiveRecord } from '../../archive/archive-record.js';
import type { ArchivePlan } from '../../archive/search.js';
import { ConflictError, ValidationError } from '../../errors.js';
import type { Category, DocumentType } from '../../form/agreement-form.js';
import { say } from '../../form/messages.js';
import type { Role } from '../../identity/identity.js';
import type {
  AgreementFilter,
  AgreementStore,
  ArchiveStore,
  ArchiveSummary,
  ArchiveTransition,
  InboxEntry,
  OutboxMessage,
  Page,
  Transition,
  UploadRecord,
} from '../../ports.js';
import type { AuditEvent } from '../../workflow/audit.js';
import { RaceLostError } from '../../workflow/race.js';
import type { Route } from '../../workflow/route.js';
import { dynamo } from './clients.js';
import { calling, cancellationCodes, unavailable } from './errors.js';

/**
 * Single-table layout (see README, "Storage"):
 *   AGR#<id> / AGREEMENT      the agreement head, carrying the list-index keys
 *   AGR#<id> / VERSION#0001   each immutable version (form, template, files)
 *   AGR#<id> / EVENT#000001   the hash-chained audit trail, never updated
 *   AGR#<id> / INBOX#<step>   an open step, indexed by role (and unit) in `inbox`
 *   ROUTE#<type>#<category> / ROUTE   a route changed by an admin (absent: the default)
 *   OUTBOX / <time>#<id>      notifications written with the transition that caused them
 *   IDEMPOTENCY#<key> / IDEMPOTENCY   which agreement a create with that key made
 */
const agreementPk = (id: string) => `AGR#${id}`;
const HEAD = 'AGREEMENT';
const versionSk = (n: number) => `VERSION#${String(n).padStart(4, '0')}`;
const idempotencyPk = (key: string) => `IDEMPOTENCY#${key}`;
const eventSk = (seq: number) => `EVENT#${String(seq).padStart(6, '0')}`;
const inboxSk = (stepId: string) => `INBOX#${stepId}`;
const routePk = (type: DocumentType, category: Category) => `ROUTE#${type}#${category}`;
export const inboxKey = (role: Role, unit?: string) => (unit ? `ROLE#${role}#UNIT#${unit}` : `ROLE#${role}`);

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

const uploadPk = (id: string) => `UPLOAD#${id}`;
const hashPk = (sha256: string) => `HASH#${sha256}`;
const ARCHIVE = 'ARCHIVE';

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

export class DynamoAgreementStore implements AgreementStore, ArchiveStore {
  constructor(private readonly table: string) {}

  private putNew(Item: Record<string, unknown>) {
    return { Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** Replaces the head only while it is still at the audit position the caller decided on. */
  private putHead(agreement: Agreement, expectedSeq: number) {
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

  private eventItem(event: AuditEvent) {
    return this.putNew({ pk: agreementPk(event.agreementId), sk: eventSk(event.seq), ...event });
  }

  private versionItem(version: AgreementVersion) {
    return this.putNew({ pk: agreementPk(version.agreementId), sk: versionSk(version.version), ...version });
  }

  async create(
    agreement: Agreement,
    version: AgreementVersion,
    event: AuditEvent,
    idempotencyKey?: string,
  ): Promise<{ id: string; created: boolean }> {
    const items = [this.putNew(headItem(agreement)), this.versionItem(version), this.eventItem(event)];
    if (idempotencyKey) {
      items.push(
        this.putNew({
          pk: idempotencyPk(idempotencyKey),
          sk: 'IDEMPOTENCY',
          agreementId: agreement.id,
          ttl: Math.floor(Date.parse(agreement.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        }),
      );
    }
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return { id: agreement.id, created: true };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (idempotencyKey && codes?.[3] === 'ConditionalCheckFailed') {
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

  async addVersion(agreement: Agreement, version: AgreementVersion, event: AuditEvent, expectedSeq: number) {
    await this.write(agreement.id, [
      this.putHead(agreement, expectedSeq),
      this.versionItem(version),
      this.eventItem(event),
    ]);
  }

  async transition(t: Transition): Promise<void> {
    const id = t.agreement.id;
    await this.write(id, [
      this.putHead(t.agreement, t.expectedSeq),
      this.eventItem(t.event),
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
            ...entry,
          },
        },
      })),
      ...t.outbox.map((m) => ({
        Put: { TableName: this.table, Item: { pk: 'OUTBOX', sk: `${m.at}#${m.id}`, ...m } },
      })),
    ]);
  }

  /** One transaction; losing a race (condition failed or a concurrent transaction) is a RaceLostError. */
  private async write(id: string, items: Record<string, unknown>[]): Promise<void> {
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

  async events(id: string): Promise<AuditEvent[]> {
    return (await this.queryAll(agreementPk(id), 'EVENT#')).map((i) => strip<AuditEvent>(i));
  }

  async inbox(
    role: Role,
    unit: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<InboxEntry>> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'inbox',
          KeyConditionExpression: 'inboxKey = :k',
          ExpressionAttributeValues: { ':k': inboxKey(role, unit) },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor('inbox', cursor) } : {}),
        }),
      ),
    );
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

  async outbox(limit: number): Promise<OutboxMessage[]> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'OUTBOX' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      ),
    );
    return (out.Items ?? []).map((i) => strip<OutboxMessage>(i));
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

  async putUpload(upload: UploadRecord): Promise<void> {
    await calling('DynamoDB', () =>
      dynamo().send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: uploadPk(upload.uploadId), sk: 'UPLOAD', ...upload },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async getUpload(uploadId: string): Promise<UploadRecord | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: uploadPk(uploadId), sk: 'UPLOAD' },
          ConsistentRead: true,
        }),
      ),
    );
    return out.Item ? strip<UploadRecord>(out.Item) : undefined;
  }

  async quarantineUpload(uploadId: string, reason: string, at: string): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: uploadPk(uploadId), sk: 'UPLOAD' },
          UpdateExpression: 'SET #s = :q, reason = :r, decidedAt = :at',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':q': 'quarantined', ':r': reason, ':at': at, ':pending': 'pending' },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw unavailable('DynamoDB', error);
    }
  }

  async archive(t: ArchiveTransition): Promise<void> {
    const { record } = t;
    const id = record.agreementId;
    const summary: ArchiveSummary & { nameTokens: string[] } = {
      agreementId: id,
      title: record.title,
      documentType: record.documentType,
      category: record.category,
      parties: record.parties,
      countries: record.countries,
      fields: record.fields,
      signedAt: record.signedAt,
      validFrom: record.validFrom,
      ...(record.validUntil ? { validUntil: record.validUntil } : {}),
      ...(record.parentId ? { parentId: record.parentId } : {}),
      unitCode: record.unit.code,
      nameTokens: t.facets.filter((f) => f.startsWith('NAME#')).map((f) => f.slice(5)),
    };
    await this.write(id, [
      this.putHead(t.agreement, t.expectedSeq),
      this.eventItem(t.event),
      ...t.close.map((stepId) => ({
        Delete: { TableName: this.table, Key: { pk: agreementPk(id), sk: inboxSk(stepId) } },
      })),
      // Exactly one archive record per agreement, whatever events arrive twice or out of order.
      this.putNew({ pk: agreementPk(id), sk: ARCHIVE, ...record }),
      this.putNew({ pk: hashPk(record.file.sha256), sk: ARCHIVE, agreementId: id }),
      {
        Update: {
          TableName: this.table,
          Key: { pk: uploadPk(record.uploadId), sk: 'UPLOAD' },
          UpdateExpression: 'SET #s = :a, decidedAt = :at, sha256 = :h',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':a': 'accepted',
            ':at': record.archivedAt,
            ':h': record.file.sha256,
            ':pending': 'pending',
          },
        },
      },
      ...t.facets.map((facet) => ({
        Put: {
          TableName: this.table,
          Item: {
            pk: agreementPk(id),
            sk: `FACET#${facet}`,
            archiveKey: facet,
            archiveSort: `${record.signedAt}#${id}`,
            ...summary,
          },
        },
      })),
    ]);
  }

  async getArchive(agreementId: string): Promise<ArchiveRecord | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({ TableName: this.table, Key: { pk: agreementPk(agreementId), sk: ARCHIVE } }),
      ),
    );
    return out.Item ? strip<ArchiveRecord>(out.Item) : undefined;
  }

  async findArchiveByHash(sha256: string): Promise<string | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(new GetCommand({ TableName: this.table, Key: { pk: hashPk(sha256), sk: ARCHIVE } })),
    );
    return out.Item?.agreementId as string | undefined;
  }

  async searchArchive(plan: ArchivePlan): Promise<Page<ArchiveSummary>> {
    const names: Record<string, string> = { '#k': 'archiveKey' };
    const values: Record<string, unknown> = { ':k': plan.facet };
    let keyCondition = '#k = :k';
    if (plan.signedFrom || plan.signedTo) {
      values[':from'] = plan.signedFrom ?? '0000';
      // "~" sorts after every id, so the whole last day is included.
      values[':to'] = `${plan.signedTo ?? '9999'}~`;
      names['#s'] = 'archiveSort';
      keyCondition += ' AND #s BETWEEN :from AND :to';
    }
    const filters: string[] = [];
    plan.equals.forEach(([attribute, value], i) => {
      names[`#e${i}`] = attribute;
      values[`:e${i}`] = value;
      filters.push(`#e${i} = :e${i}`);
    });
    plan.contains.forEach(([attribute, value], i) => {
      names[`#c${i}`] = attribute;
      values[`:c${i}`] = value;
      filters.push(`contains(#c${i}, :c${i})`);
    });
    if (plan.validUntilFrom || plan.validUntilTo) {
      names['#vu'] = 'validUntil';
      values[':vuf'] = plan.validUntilFrom ?? '0000';
      values[':vut'] = plan.validUntilTo ?? '9999';
      filters.push('#vu BETWEEN :vuf AND :vut');
    }
    if (plan.status) {
      const { value, today } = plan.status;
      values[':today'] = today;
      if (value !== 'expired') names['#vf'] = 'validFrom';
      if (value !== 'signed') names['#vu'] = 'validUntil';
      filters.push(
        {
          signed: '#vf > :today',
          active: '#vf <= :today AND (attribute_not_exists(#vu) OR #vu >= :today)',
          expired: '#vu < :today',
        }[value],
      );
    }
    const base: QueryCommandInput = {
      TableName: this.table,
      IndexName: 'archive',
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: plan.ascending,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    };
    const items: ArchiveSummary[] = [];
    let start = plan.cursor ? decodeCursor('archive', plan.cursor) : undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < plan.limit; round++) {
      const out = await calling('DynamoDB', () =>
        dynamo().send(
          new QueryCommand({ ...base, Limit: plan.limit - items.length, ExclusiveStartKey: start }),
        ),
      );
      for (const item of out.Items ?? []) {
        const { nameTokens: _, ...summary } = strip<ArchiveSummary & { nameTokens?: string[] }>(item);
        items.push(summary);
      }
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return start ? { items, nextCursor: encodeCursor('archive', start) } : { items };
  }

  async appendEvent(agreement: Agreement, event: AuditEvent, expectedSeq: number): Promise<void> {
    await this.write(agreement.id, [this.putHead(agreement, expectedSeq), this.eventItem(event)]);
  }
}
