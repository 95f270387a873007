import type { ActivityReport } from '../../evaluation/activity-report.js';
import type { ActivityReports } from '../../ports/activity-reports.js';
import type { Page } from '../../ports/page.js';
import type { Table } from './table.js';
import { agreementPk, strip } from './table-items.js';

/** The sort keys a cursor may name: `ACTIVITY#<from>#<reportId>`. */
const ACTIVITY_SK = /^ACTIVITY#\d{4}-\d{2}-\d{2}#[0-9a-f-]{36}$/;

const ofAgreement = (agreementId: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': agreementPk(agreementId), ':prefix': 'ACTIVITY#' },
});

export class DynamoActivityReports implements ActivityReports {
  constructor(private readonly table: Table) {}

  async activityReports(agreementId: string): Promise<ActivityReport[]> {
    const items = await this.table.queryAll({ ...ofAgreement(agreementId), ConsistentRead: true });
    return items.map((i) => strip<ActivityReport>(i));
  }

  activityReportPage(agreementId: string, limit: number, cursor?: string): Promise<Page<ActivityReport>> {
    return this.table.page(
      { ...ofAgreement(agreementId), ScanIndexForward: false },
      { partition: agreementPk(agreementId), sortKey: ACTIVITY_SK },
      limit,
      cursor,
      strip<ActivityReport>,
    );
  }
}
