import { GetCommand, PutCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../../agreement/agreement.js';
import type { ArchiveRecord } from '../../archive/archive-record.js';
import type { ArchivePlan } from '../../archive/search.js';
import type { ArchiveStore, ArchiveSummary, ArchiveTransition, Page, UploadRecord } from '../../ports.js';
import type { AuditEvent } from '../../workflow/audit.js';
import { dynamo } from './clients.js';
import { calling, unavailable } from './errors.js';
import {
  agreementPk,
  decodeCursor,
  encodeCursor,
  inboxSk,
  listItem,
  listSk,
  MAX_ROUNDS,
  queryPage,
  strip,
  TableWrites,
} from './table-items.js';

/**
 * Uploads, archive records and their search index in the single table:
 *   UPLOAD#<uploadId> / UPLOAD        an upload and the ingestion's verdict
 *   AGR#<id> / ARCHIVE                the archive record (one per agreement)
 *   AGR#<id> / FACET#<facet>          a search entry in the `archive` index
 *   HASH#<sha256> / ARCHIVE           which agreement an archived file belongs to
 */
const uploadPk = (id: string) => `UPLOAD#${id}`;
const hashPk = (sha256: string) => `HASH#${sha256}`;
const ARCHIVE = 'ARCHIVE';

export class DynamoArchiveStore implements ArchiveStore {
  private readonly w: TableWrites;

  constructor(private readonly table: string) {
    this.w = new TableWrites(table);
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

  quarantineUpload(uploadId: string, reason: string, at: string): Promise<boolean> {
    return this.settleUpload(uploadId, 'quarantined', reason, at);
  }

  failUpload(uploadId: string, reason: string, at: string): Promise<boolean> {
    return this.settleUpload(uploadId, 'failed', reason, at);
  }

  /** A pending upload's verdict other than accepted; false when it was already decided. */
  private async settleUpload(
    uploadId: string,
    status: 'quarantined' | 'failed',
    reason: string,
    at: string,
  ): Promise<boolean> {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: uploadPk(uploadId), sk: 'UPLOAD' },
          UpdateExpression: 'SET #s = :q, reason = :r, decidedAt = :at',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':q': status, ':r': reason, ':at': at, ':pending': 'pending' },
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
    const { nameTokens: _, ...shown } = summary;
    await this.w.write(id, [
      ...this.w.head(t.agreement, t.before),
      this.w.eventItem(t.event),
      ...t.close.map((stepId) => ({
        Delete: { TableName: this.table, Key: { pk: agreementPk(id), sk: inboxSk(stepId) } },
      })),
      // Exactly one archive record per agreement, whatever events arrive twice or out of order.
      this.w.putNew({ pk: agreementPk(id), sk: ARCHIVE, ...record }),
      this.w.putNew({ pk: hashPk(record.file.sha256), sk: ARCHIVE, agreementId: id }),
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
      ...t.lists.map((entry) => ({ Put: { TableName: this.table, Item: listItem(id, entry, shown) } })),
      // The agreement it follows has found its follower: it leaves the open list (if it was there).
      ...(record.parentId
        ? [
            {
              Delete: {
                TableName: this.table,
                Key: { pk: agreementPk(record.parentId), sk: listSk('OPEN') },
              },
            },
          ]
        : []),
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
    let start = plan.cursor ? decodeCursor('archive', plan.cursor, plan.facet) : undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < plan.limit; round++) {
      const out = await queryPage({ ...base, Limit: plan.limit - items.length, ExclusiveStartKey: start });
      for (const item of out.Items ?? []) {
        const { nameTokens: _, ...summary } = strip<ArchiveSummary & { nameTokens?: string[] }>(item);
        items.push(summary);
      }
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    return start ? { items, nextCursor: encodeCursor('archive', start) } : { items };
  }

  async appendEvent(agreement: Agreement, event: AuditEvent, before: Agreement): Promise<void> {
    await this.w.write(agreement.id, [...this.w.head(agreement, before), this.w.eventItem(event)]);
  }
}
