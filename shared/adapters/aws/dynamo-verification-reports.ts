import type { VerificationResult } from '../../archive/verification-result.js';
import type { VerificationReports } from '../../ports/verification-reports.js';
import { unavailable } from './errors.js';
import type { Table } from './table.js';
import { TTL_ATTRIBUTE } from './table-design.js';
import { strip, verificationReportKey } from './table-items.js';

export class DynamoVerificationReports implements VerificationReports {
  constructor(private readonly table: Table) {}

  async putReport(report: VerificationResult, expiresAt: Date): Promise<void> {
    const item = {
      ...verificationReportKey(report.reportId),
      [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
      report: JSON.stringify(report),
    };
    // Report ids are new ULIDs: one that exists already means the table is not what it should be.
    if (!(await this.table.write(this.table.putNew(item)))) {
      throw unavailable('DynamoDB', new Error(`verification report ${report.reportId} exists already`));
    }
  }

  async getReport(reportId: string): Promise<VerificationResult | undefined> {
    const item = await this.table.get(verificationReportKey(reportId));
    // DynamoDB removes expired items within days, not at once: an expired one is not found.
    if (!item || Number(item[TTL_ATTRIBUTE]) * 1000 <= Date.now()) return undefined;
    return JSON.parse(strip<{ report: string }>(item).report) as VerificationResult;
  }
}
