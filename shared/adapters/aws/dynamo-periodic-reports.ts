import { ConflictError } from '../../errors.js';
import { COUNTER_SHARDS } from '../../evaluation/counters.js';
import { CATEGORIES } from '../../form/agreement-form.js';
import { say } from '../../form/messages.js';
import type { Page } from '../../ports/page.js';
import type {
  PeriodicReports,
  ReportedActivity,
  ReportedAgreement,
  StoredReport,
} from '../../ports/periodic-reports.js';
import type { Item, Table } from './table.js';
import { REPORTS, reportsKey, strip } from './table-items.js';

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
/** The sort keys cursors may name: `<period>#<generatedAt>`. */
const REPORT_SK = /^\d{4}(-S[12])?#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export class DynamoPeriodicReports implements PeriodicReports {
  constructor(private readonly table: Table) {}

  async activityReportsEnding(years: string[], page: (items: ReportedActivity[]) => void): Promise<void> {
    // Every shard of every year at once: a year of 300,000 reports is read in parallel pages.
    const partitions = years.flatMap((year) =>
      Array.from({ length: COUNTER_SHARDS }, (_, shard) => reportsKey(year, shard)),
    );
    await Promise.all(
      partitions.map((key) =>
        this.table.queryPages(
          {
            IndexName: 'evaluation',
            KeyConditionExpression: 'evalKey = :k',
            ExpressionAttributeValues: { ':k': key },
            ProjectionExpression: 'agreementId, period, activities, #s',
            ExpressionAttributeNames: { '#s': 'status' },
          },
          page as (items: Item[]) => void,
        ),
      ),
    );
  }

  async archivedUntil(to: string, page: (items: ReportedAgreement[]) => void): Promise<void> {
    // Every record has exactly one category entry: four partitions read side by side.
    await Promise.all(
      CATEGORIES.map((category) =>
        this.table.queryPages(
          {
            IndexName: 'archive',
            KeyConditionExpression: 'archiveKey = :k AND archiveSort <= :to',
            ExpressionAttributeValues: { ':k': `CATEGORY#${category}`, ':to': `${to}~` },
            ProjectionExpression: REPORTED_FIELDS.map((_, i) => `#f${i}`).join(', '),
            ExpressionAttributeNames: Object.fromEntries(REPORTED_FIELDS.map((f, i) => [`#f${i}`, f])),
          },
          page as (items: Item[]) => void,
        ),
      ),
    );
  }

  async putReport(report: StoredReport): Promise<void> {
    // Two reports of one period in the same millisecond: the first stays, the second is told.
    const item = { pk: REPORTS, sk: `${report.period}#${report.generatedAt}`, ...report };
    if (await this.table.write(this.table.putNew(item))) return;
    throw new ConflictError(
      say(
        `Laporan periode ${report.period} baru saja dibuat pada ${report.generatedAt}: muat ulang daftar laporan`,
        `A report of ${report.period} was generated at ${report.generatedAt} just now: reload the list of reports`,
      ),
      { period: report.period, generatedAt: report.generatedAt },
    );
  }

  async getReport(period: string): Promise<StoredReport | undefined> {
    const [item] = await this.table.query({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :period)',
      ExpressionAttributeValues: { ':pk': REPORTS, ':period': `${period}#` },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    });
    return item && strip<StoredReport>(item);
  }

  listReports(limit: number, cursor?: string): Promise<Page<StoredReport>> {
    return this.table.page(
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': REPORTS },
        ScanIndexForward: false,
      },
      { partition: REPORTS, sortKey: REPORT_SK },
      limit,
      cursor,
      strip<StoredReport>,
    );
  }
}
