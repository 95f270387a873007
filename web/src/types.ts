import type { AdminEvent } from '../../shared/admin/admin-log.js';
import type { RegionView } from '../../shared/admin/region.js';
import type { Unit } from '../../shared/admin/unit.js';
import type { User } from '../../shared/admin/user.js';
import type { AgreementView } from '../../shared/agreement/queries.js';
import type { publicView } from '../../shared/archive/public-view.js';
import type { Verification, VerificationResult } from '../../shared/archive/verification.js';
import type { Delegation } from '../../shared/delegation/delegation.js';
import type { ArchiveSummary } from '../../shared/ports/archive.js';
import type { Batch } from '../../shared/ports/batches.js';
import type { InboxEntry } from '../../shared/ports/inbox.js';
import type { Page } from '../../shared/ports/page.js';
import type {
  ActiveTemplate,
  TemplateCandidate,
  TemplateReport,
  TemplateSample,
} from '../../shared/ports/templates.js';
import type { RegisterEntry } from '../../shared/register/entry.js';
import type { ReportedSignature } from '../../shared/signing/report.js';
import type { PartDiff } from '../../shared/template-library/template-diff.js';
import type { AuditEvent } from '../../shared/workflow/audit.js';
import type { SectionDiff } from '../../shared/workflow/diff.js';

/** The API's answers, typed by the core's own interfaces (type imports only: nothing reaches the bundle). */
export type {
  AdminEvent,
  AgreementView,
  ArchiveSummary,
  AuditEvent,
  Delegation,
  Page,
  RegionView,
  RegisterEntry,
  SectionDiff,
  Unit,
  User,
};

/** The region's profile once it is set up (GET /api/region). */
export type RegionProfile = Extract<RegionView, { configured: true }>;

export type InboxItem = InboxEntry & { overdue: boolean };
export type Agreement = Omit<AgreementView, 'form' | 'links' | 'versions'>;

/** A page of GET …/history (shared/workflow/audit-trail.ts); `items` is added by the app for paging. */
export type { HistoryPage } from '../../shared/workflow/audit-trail.js';

type ArchivedRecordView = Awaited<ReturnType<typeof publicView>>;

/** One signature or document time-stamp with its validation verdict (shared/signing/report.ts). */
export type SignatureInfo = ReportedSignature;

/** The public record of an archived agreement (the archive record's own signatures are not shown). */
export type PublicRecord = Omit<ArchivedRecordView, 'signatures'>;

/** GET /api/verify/{id}: an archived agreement with its copy checked now, or a kept report. */
export type VerifiedId = Awaited<ReturnType<Verification['ofId']>>;

/** POST /api/verify. */
export type { VerificationResult as VerifyResult };

/*
 * The administration's answers (issue 13's API contract).
 */
export interface ImportResult {
  units: Record<'created' | 'updated' | 'unchanged' | 'failed', number>;
  users: Record<'created' | 'updated' | 'unchanged' | 'failed', number>;
  rows: {
    sheet: string;
    row: number;
    key: string;
    outcome: 'created' | 'updated' | 'unchanged' | 'failed';
    error?: { id: string; en: string } | string;
  }[];
  links: { result: string };
}

/*
 * The template library and batch drafting (issue 14's API contract).
 */
type Visible<T> = Omit<T, 'bucket' | 'key'>;

/** GET /api/templates: the version in force per type (built-in version 1 until one is activated). */
export interface TemplateListing {
  active: (ActiveTemplate | { documentType: string; version: 1; builtIn: true })[];
  candidates: Visible<Omit<TemplateCandidate, 'template'>>[];
  nextCursor?: string;
}

/** GET /api/templates/candidates/{id}: the report with links to its samples, and the clause diff. */
export type CandidateView = Visible<Omit<TemplateCandidate, 'template' | 'report'>> & {
  report: Omit<TemplateReport, 'samples'> & {
    samples: (TemplateSample & { links: { pdf: string; docx: string } })[];
  };
  diff: PartDiff[];
};

/** GET /api/batches/{id}. */
export type BatchView = Omit<Batch, 'bucket' | 'key' | 'resultKey' | 'sha256'> & {
  links: { result?: string };
};
