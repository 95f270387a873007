import { ulid } from 'ulid';
import { NotFoundError, ValidationError } from '../errors.js';
import { say } from '../form/messages.js';
import { sha256 } from '../hash.js';
import { isId } from '../ids.js';
import { PdfLimitError } from '../pdf/objects.js';
import type { Archive } from '../ports/archive.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import type { TrustedRoots } from '../ports/signing.js';
import type { VerificationReports } from '../ports/verification-reports.js';
import { type ReportedSignature, signatureReport } from '../signing/report.js';
import { publicView } from './public-view.js';
import type { VerificationResult } from './verification-result.js';

export type { VerificationResult };

export interface VerificationDeps {
  archive: Archive;
  /** The archived signed copies, checked again whenever their record is asked for (only then wired). */
  archiveFiles: () => FileStore;
  reports: VerificationReports;
  trustedRoots: TrustedRoots;
  clock: Clock;
  /** Revocation data fetched online for trusted chains the file carries none for. */
  fetcher?: RevocationFetcher;
}

/** How long the report of an uploaded file can be fetched again by its id. */
export const REPORT_DAYS = 30;

/** Public verification: its own module because it alone needs the CMS verifier. */
export class Verification {
  constructor(private readonly deps: VerificationDeps) {}

  /**
   * Whether a PDF is exactly an archived signed copy, and the validation report of its signatures
   * and time-stamps, kept under a new report id. A file that asks for more work than any agreement
   * needs (too many signatures, a decompression bomb) is a 400 naming why, not gigabytes of memory.
   */
  async verify(bytes: Uint8Array): Promise<VerificationResult> {
    const hash = sha256(bytes);
    const now = this.deps.clock.now();
    const [found, signatures] = await Promise.all([
      this.deps.archive.findArchiveByHash(hash),
      this.signatures(bytes, now),
    ]);
    const result: VerificationResult = {
      reportId: ulid(now.getTime()),
      checkedAt: now.toISOString(),
      sha256: hash,
      matchesArchivedCopy: found !== undefined && found.copy !== 'uploaded',
      copy: found?.copy ?? null,
      archived: found ? await publicView(this.deps.archive, found.agreementId) : null,
      signatures,
    };
    await this.deps.reports.putReport(result, new Date(now.getTime() + REPORT_DAYS * 86_400_000));
    return result;
  }

  /**
   * What `/verify/{id}` shows: for an archived agreement, its public record with its archived copy
   * checked now (revocation and expiry change over the years); for a report id, the report kept.
   */
  async ofId(id: string) {
    if (!isId(id)) throw new NotFoundError(`Archived agreement or verification report ${id}`);
    const record = await this.deps.archive.getArchive(id);
    if (!record) {
      const report = await this.deps.reports.getReport(id);
      if (!report) throw new NotFoundError(`Archived agreement or verification report ${id}`);
      return { kind: 'report' as const, ...report };
    }
    const now = this.deps.clock.now();
    const view = await publicView(this.deps.archive, id);
    const file = await this.deps.archiveFiles().get(record.file.key);
    return {
      kind: 'archive' as const,
      ...view,
      checkedAt: now.toISOString(),
      signatures: await this.signatures(file, now),
    };
  }

  /** The bilingual PDF report of an archived agreement's copy, or of a kept report. */
  async reportPdf(id: string): Promise<Uint8Array> {
    const found = await this.ofId(id);
    const archived = found.kind === 'archive' ? found : found.archived;
    const { renderVerificationReport } = await import('../signing/report-pdf.js');
    return renderVerificationReport({
      sha256: found.sha256,
      copy: found.kind === 'archive' ? 'archived' : found.copy,
      ...(archived
        ? {
            agreement: {
              title: [archived.title.id, archived.title.en].filter(Boolean).join(' / '),
              ...(archived.documentNumber ? { documentNumber: archived.documentNumber } : {}),
            },
          }
        : {}),
      checkedAt: found.checkedAt,
      signatures: found.signatures,
    });
  }

  private async signatures(bytes: Uint8Array, now: Date): Promise<ReportedSignature[]> {
    try {
      return await signatureReport(bytes, await this.deps.trustedRoots(), {
        now,
        fetcher: this.deps.fetcher,
      });
    } catch (error) {
      if (!(error instanceof PdfLimitError)) throw error;
      throw new ValidationError([
        {
          path: 'body',
          message: say(
            'PDF ini tidak dapat diperiksa karena melampaui batas pemeriksaan',
            `The PDF cannot be checked: ${error.message}`,
          ),
        },
      ]);
    }
  }
}
