import type { Agreement } from '../../agreement/agreement.js';
import { counterDelta, shardOf } from '../../evaluation/counters.js';
import type { AgreementChanges, Change, ChangeItem } from '../../ports/changes.js';
import { batchRowWrites } from './dynamo-batches.js';
import { unitKey } from './dynamo-region.js';
import type { Table, Write } from './table.js';
import {
  ARCHIVE,
  activityReportItem,
  agreementPk,
  archiveSummary,
  counterKey,
  eventSk,
  hashPk,
  headItem,
  idempotencyPk,
  inboxKey,
  inboxSk,
  listItem,
  listSk,
  movedHeadKey,
  outboxItem,
  RENEWAL,
  registerEntryKey,
  renewalSort,
  storedFile,
  uploadItemKey,
  versionSk,
} from './table-items.js';

/** Idempotency records are kept a day: long enough for any client retry. */
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Every audited change as one TransactWriteItems: the head, its event, and what the items say. */
export class DynamoAgreementChanges implements AgreementChanges {
  constructor(private readonly table: Table) {}

  async commit(change: Change): Promise<void> {
    await this.table.transact(change.after.id, [
      ...this.head(change.after, change.before),
      this.table.putNew({
        pk: agreementPk(change.event.agreementId),
        sk: eventSk(change.event.seq),
        ...change.event,
      }),
      ...change.items.flatMap((item) => this.writes(item, change.after)),
    ]);
  }

  /**
   * Replaces the head only while it is still at the audit position the decision was made on (a new
   * head only if there is none), moves the agreement's counters from `before` to `after`, and marks
   * its chain for the next anchor.
   */
  private head(after: Agreement, before: Agreement | undefined): Write[] {
    const put: Write = before
      ? {
          Put: {
            TableName: this.table.name,
            Item: headItem(after),
            ConditionExpression: '#le.#seq = :expected',
            ExpressionAttributeNames: { '#le': 'lastEvent', '#seq': 'seq' },
            ExpressionAttributeValues: { ':expected': before.lastEvent.seq },
          },
        }
      : this.table.putNew(headItem(after));
    const moved = this.table.put({
      ...movedHeadKey(after.id),
      agreementId: after.id,
      seq: after.lastEvent.seq,
    });
    return [put, moved, ...this.counters(after.id, before, after)];
  }

  /** ADDs to the counter items of the agreement's shard, one item per dimension touched. */
  private counters(id: string, before: Agreement | undefined, after: Agreement): Write[] {
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
          TableName: this.table.name,
          Key: counterKey(shard, dimension),
          UpdateExpression: `ADD ${adds.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    });
  }

  private writes(item: ChangeItem, after: Agreement): Write[] {
    const id = after.id;
    const pk = agreementPk(id);
    switch (item.kind) {
      case 'version':
        return [this.table.putNew({ pk, sk: versionSk(item.version.version), ...item.version })];
      case 'idempotency':
        return [
          this.table.putNew({
            pk: idempotencyPk(item.key),
            sk: 'IDEMPOTENCY',
            agreementId: id,
            ttl: Math.floor(Date.parse(after.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
          }),
        ];
      case 'inbox-open': {
        const { entry } = item;
        return [
          this.table.put({
            pk,
            sk: inboxSk(entry.stepId),
            inboxKey: inboxKey(entry.role, entry.unit),
            inboxSort: `${entry.openedAt}#${id}#${entry.stepId}`,
            // Until its holders are reminded, the daily job finds it once it is overdue.
            scheduleKey: 'DUE',
            scheduleSort: `${entry.dueAt}#${id}#${entry.stepId}`,
            ...entry,
          }),
        ];
      }
      case 'inbox-close':
        return [this.table.delete({ pk, sk: inboxSk(item.stepId) })];
      case 'outbox':
        return [this.table.put(outboxItem(item.message))];
      case 'archive':
        return this.archive(item, id);
      case 'archive-renewal':
        return [
          {
            Update: {
              TableName: this.table.name,
              Key: { pk, sk: ARCHIVE },
              UpdateExpression:
                'SET #file = :file, copies = list_append(copies, :copies), renewBy = :renewBy, scheduleSort = :sort',
              // Only the copy it extends is renewed: a second run of the same renewal changes nothing.
              ConditionExpression: '#file.sha256 = :renewed',
              ExpressionAttributeNames: { '#file': 'file' },
              ExpressionAttributeValues: {
                ':file': storedFile(item.copy),
                ':copies': [item.copy],
                ':renewBy': item.renewBy,
                ':sort': renewalSort(item.renewBy, id),
                ':renewed': item.renews,
              },
            },
          },
          this.table.putNew({ pk: hashPk(item.copy.sha256), sk: ARCHIVE, agreementId: id, copy: 'renewed' }),
        ];
      case 'activity-report':
        return [
          item.was === 'new'
            ? this.table.putNew(activityReportItem(item.report))
            : {
                Put: {
                  TableName: this.table.name,
                  Item: activityReportItem(item.report),
                  ConditionExpression: '#s = :submitted',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':submitted': 'submitted' },
                },
              },
        ];
      case 'list-move':
        return [
          {
            Update: {
              TableName: this.table.name,
              Key: { pk, sk: listSk(item.entry.slot) },
              UpdateExpression: 'SET evalSort = :sort',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':sort': `${item.entry.date}#${id}` },
            },
          },
        ];
      case 'list-leave':
        return [this.table.delete({ pk, sk: listSk(item.slot) })];
      case 'terminated':
        // The periodic report reads the category facets: a termination shows there and on the record.
        return [ARCHIVE, `FACET#CATEGORY#${after.category}`].map((sk) => ({
          Update: {
            TableName: this.table.name,
            Key: { pk, sk },
            UpdateExpression: 'SET terminatedOn = :t',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':t': item.on },
          },
        }));
      case 'register-entry': {
        const { entry } = item;
        return [
          this.table.putNew({ ...registerEntryKey(entry.regionId, entry.year, entry.sequence), ...entry }),
        ];
      }
      case 'register-void':
        return [
          {
            Update: {
              TableName: this.table.name,
              Key: registerEntryKey(item.entry.regionId, item.entry.year, item.entry.sequence),
              UpdateExpression: 'SET voided = :v',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(voided)',
              ExpressionAttributeValues: { ':v': item.voided },
            },
          },
        ];
      case 'unit-active':
        return [
          {
            ConditionCheck: {
              TableName: this.table.name,
              Key: unitKey(item.regionId, item.code),
              ConditionExpression: 'active = :active',
              ExpressionAttributeValues: { ':active': true },
            },
          },
        ];
      case 'batch-row':
        return batchRowWrites(this.table, item.batchId, { row: item.row, agreementId: id }, 'done');
    }
  }

  /**
   * The archive record (exactly one per agreement, whatever events arrive twice or out of order),
   * the file hash, the upload accepted (only while pending), the search facets, the evaluation
   * lists, and the agreement it follows leaving the open list.
   */
  private archive(item: Extract<ChangeItem, { kind: 'archive' }>, id: string): Write[] {
    const { record } = item;
    const pk = agreementPk(id);
    const shown = archiveSummary(record);
    const summary = {
      ...shown,
      nameTokens: item.facets.filter((f) => f.startsWith('NAME#')).map((f) => f.slice(5)),
    };
    const { uploaded } = record;
    return [
      this.table.putNew({
        pk,
        sk: ARCHIVE,
        ...record,
        // The daily job renews the seal's timestamp from this day on.
        ...(record.renewBy ? { scheduleKey: RENEWAL, scheduleSort: renewalSort(record.renewBy, id) } : {}),
      }),
      this.table.putNew({ pk: hashPk(record.file.sha256), sk: ARCHIVE, agreementId: id, copy: 'archived' }),
      ...(uploaded && uploaded.sha256 !== record.file.sha256
        ? [this.table.putNew({ pk: hashPk(uploaded.sha256), sk: ARCHIVE, agreementId: id, copy: 'uploaded' })]
        : []),
      {
        Update: {
          TableName: this.table.name,
          Key: uploadItemKey(record.uploadId),
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
      ...item.facets.map((facet) =>
        this.table.put({
          pk,
          sk: `FACET#${facet}`,
          archiveKey: facet,
          archiveSort: `${record.signedAt}#${id}`,
          ...summary,
        }),
      ),
      ...item.lists.map((entry) => this.table.put(listItem(id, entry, shown))),
      ...(record.parentId
        ? [this.table.delete({ pk: agreementPk(record.parentId), sk: listSk('OPEN') })]
        : []),
    ];
  }
}
