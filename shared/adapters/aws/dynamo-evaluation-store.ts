import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../errors.js';
import type { ActivityReport } from '../../evaluation/activity-report.js';
import { COUNTER_SHARDS, type Dimension, shardOf } from '../../evaluation/counters.js';
import type { ListEntry, ListPlan, ListSlot } from '../../evaluation/lists.js';
import { CATEGORIES } from '../../form/agreement-form.js';
import { say } from '../../form/messages.js';
import type {
  ArchiveSummary,
  EvaluationStore,
  HeadChange,
  InboxEntry,
  OutboxMessage,
  Page,
  ReportedActivity,
  ReportedAgreement,
  StoredReport,
} from '../../ports.js';
import { dynamo } from './clients.js';
import { calling, cancellationCodes, unavailable } from './errors.js';
import {
  agreementPk,
  COUNTERS,
  decodeCursor,
  decodeSortCursor,
  encodeCursor,
  encodeSortCursor,
  inboxSk,
  listSk,
  MAX_ROUNDS,
  queryPage,
  strip,
  TableWrites,
} from './table-items.js';

/**
 * Evaluation in the single table (README, "Storage"):
 *   COUNTERS / <dimension>#<shard>          the dashboard's counters, `value#status` attributes
 *   AGR#<id> / EVAL#<slot>                  an entry in an evaluation list (`evaluation` index)
 *   AGR#<id> / ACTIVITY#<from>#<reportId>   an activity report, in `evaluation` under REPORTS#<year>#<shard>
 *   REPORTS / <period>#<generatedAt>         a generated periodic report
 * The daily job reads the `schedule` index: heads with a lifecycle due, inbox entries due.
 */
const activitySk = (r: ActivityReport) => `ACTIVITY#${r.period.from}#${r.reportId}`;
/** Reports are spread over shards per year so that the periodic report reads them in parallel. */
const reportsKey = (year: string, shard: number) => `REPORTS#${year}#${shard}`;
/** What the periodic report prints of an archived agreement. */
const REPORTED_FIELDS = [
  'agreementId',
  'documentType',
  'category',
  'title',
  'parties',
  'countries',
  'fields',
  'unitCode',
  'signedAt',
  'validFrom',
  'validUntil',
  'terminatedOn',
] as const;
const REPORTS = 'REPORTS';
/** The sort keys cursors may name: `<period>#<generatedAt>`, `ACTIVITY#<from>#<reportId>`. */
const REPORT_SK = /^\d{4}(-S[12])?#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ACTIVITY_SK = /^ACTIVITY#\d{4}-\d{2}-\d{2}#[0-9a-f-]{36}$/;

export class DynamoEvaluationStore implements EvaluationStore {
  private readonly w: TableWrites;

  constructor(private readonly table: string) {
    this.w = new TableWrites(table);
  }

  async counters() {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': COUNTERS },
    });
    return items.map(({ pk: _, sk, ...counters }) => ({
      dimension: (sk as string).split('#')[0] as Dimension,
      counters: counters as Record<string, number>,
    }));
  }

  async list(plan: ListPlan, unit: string | undefined, limit: number, cursor?: string) {
    const names: Record<string, string> = { '#k': 'evalKey', '#s': 'evalSort' };
    const values: Record<string, unknown> = { ':k': plan.partition };
    let range = '';
    if (plan.from && plan.to) range = ' AND #s BETWEEN :from AND :to';
    else if (plan.to) range = ' AND #s <= :to';
    else if (plan.from) range = ' AND #s >= :from';
    if (plan.from) values[':from'] = plan.from;
    // "~" sorts after every id, so the whole last day is included.
    if (plan.to) values[':to'] = `${plan.to}~`;
    if (unit) {
      names['#u'] = 'unitCode';
      values[':u'] = unit;
    }
    if (!range) delete names['#s'];
    const base: QueryCommandInput = {
      TableName: this.table,
      IndexName: 'evaluation',
      KeyConditionExpression: `#k = :k${range}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: plan.ascending,
      ...(unit ? { FilterExpression: '#u = :u' } : {}),
    };
    const items: ArchiveSummary[] = [];
    let start = cursor ? decodeCursor('evaluation', cursor, plan.partition) : undefined;
    for (let round = 0; round < MAX_ROUNDS && items.length < limit; round++) {
      const out = await queryPage({ ...base, Limit: limit - items.length, ExclusiveStartKey: start });
      for (const item of out.Items ?? []) items.push(strip<ArchiveSummary>(item));
      start = out.LastEvaluatedKey;
      if (!start) break;
    }
    const page: Page<ArchiveSummary> = { items };
    return start ? { ...page, nextCursor: encodeCursor('evaluation', start) } : page;
  }

  async activityReports(agreementId: string): Promise<ActivityReport[]> {
    const items = await this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': agreementPk(agreementId), ':prefix': 'ACTIVITY#' },
      ConsistentRead: true,
    });
    return items.map((i) => strip<ActivityReport>(i));
  }

  async activityReportPage(
    agreementId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<ActivityReport>> {
    return this.page<ActivityReport>(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': agreementPk(agreementId), ':prefix': 'ACTIVITY#' },
        ScanIndexForward: false,
      },
      agreementPk(agreementId),
      ACTIVITY_SK,
      limit,
      cursor,
    );
  }

  /** One page of a partition of the table, continued from a sort-key cursor of the given shape. */
  private async page<T>(
    input: QueryCommandInput,
    pk: string,
    shape: RegExp,
    limit: number,
    cursor?: string,
  ): Promise<Page<T>> {
    const start = cursor ? { ExclusiveStartKey: { pk, sk: decodeSortCursor(cursor, shape) } } : {};
    const out = await calling('DynamoDB', () =>
      dynamo().send(new QueryCommand({ ...input, Limit: limit, ...start })),
    );
    const items = (out.Items ?? []).map((i) => strip<T>(i));
    const last = out.LastEvaluatedKey?.sk;
    return typeof last === 'string' ? { items, nextCursor: encodeSortCursor(last) } : { items };
  }

  private reportItem(report: ActivityReport) {
    return {
      pk: agreementPk(report.agreementId),
      sk: activitySk(report),
      evalKey: reportsKey(report.period.to.slice(0, 4), shardOf(report.agreementId)),
      evalSort: `${report.agreementId}#${report.period.from}`,
      ...report,
    };
  }

  private change(c: HeadChange) {
    return [...this.w.head(c.after, c.before), this.w.eventItem(c.event)];
  }

  async addActivityReport(change: HeadChange, report: ActivityReport): Promise<void> {
    await this.w.write(report.agreementId, [...this.change(change), this.w.putNew(this.reportItem(report))]);
  }

  async reviewActivityReport(
    change: HeadChange,
    report: ActivityReport,
    activity?: ListEntry,
  ): Promise<void> {
    const id = report.agreementId;
    await this.w.write(id, [
      ...this.change(change),
      {
        Put: {
          TableName: this.table,
          Item: this.reportItem(report),
          ConditionExpression: '#s = :submitted',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':submitted': 'submitted' },
        },
      },
      ...(activity
        ? [
            {
              Update: {
                TableName: this.table,
                Key: { pk: agreementPk(id), sk: listSk(activity.slot) },
                UpdateExpression: 'SET evalSort = :sort',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':sort': `${activity.date}#${id}` },
              },
            },
          ]
        : []),
    ]);
  }

  /** Every item of one partition (in a key range). */
  private async queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    await this.queryPages((page) => items.push(...page), input);
    return items;
  }

  /** One partition (in a key range), page after page. */
  private async queryPages(
    page: (items: Record<string, unknown>[]) => void,
    input: QueryCommandInput,
  ): Promise<void> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await calling('DynamoDB', () =>
        dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start })),
      );
      page(out.Items ?? []);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async activityReportsEnding(years: string[], page: (items: ReportedActivity[]) => void): Promise<void> {
    // Every shard of every year at once: a year of 300,000 reports is read in parallel pages.
    const partitions = years.flatMap((year) =>
      Array.from({ length: COUNTER_SHARDS }, (_, shard) => reportsKey(year, shard)),
    );
    await Promise.all(
      partitions.map((key) =>
        this.queryPages(page as (items: Record<string, unknown>[]) => void, {
          TableName: this.table,
          IndexName: 'evaluation',
          KeyConditionExpression: 'evalKey = :k',
          ExpressionAttributeValues: { ':k': key },
          ProjectionExpression: 'agreementId, period, activities, #s',
          ExpressionAttributeNames: { '#s': 'status' },
        }),
      ),
    );
  }

  async archivedUntil(to: string, page: (items: ReportedAgreement[]) => void): Promise<void> {
    // Every record has exactly one category entry: four partitions read side by side.
    await Promise.all(
      CATEGORIES.map((category) =>
        this.queryPages(page as (items: Record<string, unknown>[]) => void, {
          TableName: this.table,
          IndexName: 'archive',
          KeyConditionExpression: 'archiveKey = :k AND archiveSort <= :to',
          ExpressionAttributeValues: { ':k': `CATEGORY#${category}`, ':to': `${to}~` },
          ProjectionExpression: REPORTED_FIELDS.map((_, i) => `#f${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(REPORTED_FIELDS.map((f, i) => [`#f${i}`, f])),
        }),
      ),
    );
  }

  private async scheduled(key: string, upTo: string, limit: number) {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'schedule',
          KeyConditionExpression: 'scheduleKey = :k AND scheduleSort <= :to',
          ExpressionAttributeValues: { ':k': key, ':to': upTo },
          Limit: limit,
        }),
      ),
    );
    return out.Items ?? [];
  }

  async due(today: string, limit: number): Promise<string[]> {
    return (await this.scheduled('LIFECYCLE', `${today}~`, limit)).map((i) => i.id as string);
  }

  async overdue(now: string, limit: number): Promise<InboxEntry[]> {
    return (await this.scheduled('DUE', now, limit)).map((i) => strip<InboxEntry>(i));
  }

  async isOpen(agreementId: string): Promise<boolean> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new GetCommand({
          TableName: this.table,
          Key: { pk: agreementPk(agreementId), sk: listSk('OPEN') },
          ConsistentRead: true,
        }),
      ),
    );
    return Boolean(out.Item);
  }

  async advance(change: HeadChange, outbox: OutboxMessage[], leave: ListSlot[], terminatedOn?: string) {
    const id = change.after.id;
    const pk = agreementPk(id);
    const mark = (sk: string) => ({
      Update: {
        TableName: this.table,
        Key: { pk, sk },
        UpdateExpression: 'SET terminatedOn = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': terminatedOn },
      },
    });
    await this.w.write(id, [
      ...this.change(change),
      ...outbox.map((m) => this.w.outboxItem(m)),
      ...leave.map((slot) => ({ Delete: { TableName: this.table, Key: { pk, sk: listSk(slot) } } })),
      // The periodic report reads the category facets: a termination shows there and on the record.
      ...(terminatedOn ? [mark('ARCHIVE'), mark(`FACET#CATEGORY#${change.after.category}`)] : []),
    ]);
  }

  async remindOverdue(entry: InboxEntry, message: OutboxMessage): Promise<boolean> {
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: { pk: agreementPk(entry.agreementId), sk: inboxSk(entry.stepId) },
                // Leaving the schedule index is what makes the reminder happen once.
                UpdateExpression: 'SET remindedAt = :at REMOVE scheduleKey, scheduleSort',
                ConditionExpression: 'attribute_exists(scheduleKey) AND dueAt = :due',
                ExpressionAttributeValues: { ':at': message.at, ':due': entry.dueAt },
              },
            },
            this.w.outboxItem(message),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        cancellationCodes(error)?.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict')
      ) {
        return false;
      }
      throw unavailable('DynamoDB', error);
    }
  }

  async putReport(report: StoredReport): Promise<void> {
    try {
      await dynamo().send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: REPORTS, sk: `${report.period}#${report.generatedAt}`, ...report },
          // Two reports of one period in the same millisecond: the first stays, the second is told.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') {
        throw unavailable('DynamoDB', error);
      }
      throw new ConflictError(
        say(
          `Laporan periode ${report.period} baru saja dibuat pada ${report.generatedAt}: muat ulang daftar laporan`,
          `A report of ${report.period} was generated at ${report.generatedAt} just now: reload the list of reports`,
        ),
        { period: report.period, generatedAt: report.generatedAt },
      );
    }
  }

  async getReport(period: string): Promise<StoredReport | undefined> {
    const out = await calling('DynamoDB', () =>
      dynamo().send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :period)',
          ExpressionAttributeValues: { ':pk': REPORTS, ':period': `${period}#` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      ),
    );
    const item = out.Items?.[0];
    return item ? strip<StoredReport>(item) : undefined;
  }

  async listReports(limit: number, cursor?: string): Promise<Page<StoredReport>> {
    return this.page<StoredReport>(
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REPORTS },
        ScanIndexForward: false,
      },
      REPORTS,
      REPORT_SK,
      limit,
      cursor,
    );
  }
}
