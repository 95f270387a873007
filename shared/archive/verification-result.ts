import type { ReportedSignature } from '../signing/report.js';
import type { publicView } from './public-view.js';

/** The verification of an uploaded file, as `POST /api/verify` answers it and its report id keeps it. */
export interface VerificationResult {
  reportId: string;
  checkedAt: string;
  sha256: string;
  matchesArchivedCopy: boolean;
  archived: Awaited<ReturnType<typeof publicView>> | null;
  signatures: ReportedSignature[];
}
