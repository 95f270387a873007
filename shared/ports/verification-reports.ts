import type { VerificationResult } from '../archive/verification-result.js';

/**
 * The reports of files checked at `POST /api/verify`, kept for a while so that the bilingual PDF
 * report can be fetched by the report's id. Entries expire (`expiresAt`): never found afterwards.
 */
export interface VerificationReports {
  putReport(report: VerificationResult, expiresAt: Date): Promise<void>;
  getReport(reportId: string): Promise<VerificationResult | undefined>;
}
