import type { ReportedSignature } from '../signing/report.js';
import type { CopyKind } from './archive-record.js';
import type { publicView } from './public-view.js';

/** The verification of an uploaded file, as `POST /api/verify` answers it and its report id keeps it. */
export interface VerificationResult {
  reportId: string;
  checkedAt: string;
  sha256: string;
  /** Byte for byte one of the archive's copies (the sealed copy or a renewal of it). */
  matchesArchivedCopy: boolean;
  /**
   * Which file of an archived agreement this is: `archived` (the archive's sealed copy), `renewed`
   * (a copy with a renewed timestamp), `uploaded` (the signed file the archive's copy was made
   * from: the same signatures, without the archive's timestamp); null for none.
   */
  copy: CopyKind | null;
  archived: Awaited<ReturnType<typeof publicView>> | null;
  signatures: ReportedSignature[];
}
