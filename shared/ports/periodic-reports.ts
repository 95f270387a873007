import type { StoredFile } from '../agreement/agreement.js';
import type { ActivityReport } from '../evaluation/activity-report.js';
import type { ArchiveSummary } from './archive.js';
import type { Page } from './page.js';

/** A periodic report generated for the Ministry, stored as a workbook and a PDF. */
export interface StoredReport {
  period: string;
  from: string;
  to: string;
  generatedAt: string;
  generatedBy: string;
  agreements: number;
  activityReports: number;
  files: { xlsx: StoredFile; pdf: StoredFile };
}

/** What the periodic report reads of an archived agreement. */
export type ReportedAgreement = ArchiveSummary & { terminatedOn?: string };

/** What the periodic report reads of an activity report. */
export type ReportedActivity = Pick<ActivityReport, 'agreementId' | 'period' | 'activities' | 'status'>;

/** The periodic reports, and the two index reads they are made of. */
export interface PeriodicReports {
  /**
   * Reports whose period ends in one of `years`, from the evaluation index, handed over a page at a
   * time so that a caller keeps only what it needs of 300,000 of them.
   */
  activityReportsEnding(years: string[], page: (items: ReportedActivity[]) => void): Promise<void>;
  /** Archived agreements signed on or before `to`, a page at a time. */
  archivedUntil(to: string, page: (items: ReportedAgreement[]) => void): Promise<void>;
  /** Stores a report; a ConflictError when one of the same period was stored at the same instant. */
  putReport(report: StoredReport): Promise<void>;
  getReport(period: string): Promise<StoredReport | undefined>;
  /** The stored reports, newest period first, a page at a time. */
  listReports(limit: number, cursor?: string): Promise<Page<StoredReport>>;
}
