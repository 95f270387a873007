import type { ActivityReport } from '../evaluation/activity-report.js';
import type { Page } from './page.js';

/** An agreement's activity reports; each is written, and reviewed, with its audit event. */
export interface ActivityReports {
  /** Every activity report of an agreement (what a new report or a review is checked against). */
  activityReports(agreementId: string): Promise<ActivityReport[]>;
  /** The agreement's activity reports, latest period start first, a page at a time. */
  activityReportPage(agreementId: string, limit: number, cursor?: string): Promise<Page<ActivityReport>>;
}
