import type { AgreementView } from '../../shared/agreement/queries.js';
import type { ArchiveSummary } from '../../shared/ports/archive.js';
import type { InboxEntry } from '../../shared/ports/inbox.js';
import type { Page } from '../../shared/ports/page.js';
import type { AuditEvent } from '../../shared/workflow/audit.js';
import type { SectionDiff } from '../../shared/workflow/diff.js';

/** The API's answers, typed by the core's own interfaces (type imports only: nothing reaches the bundle). */
export type { AgreementView, ArchiveSummary, AuditEvent, Page, SectionDiff };

export type InboxItem = InboxEntry & { overdue: boolean };
export type Agreement = Omit<AgreementView, 'form' | 'links' | 'versions'>;

/** A page of GET …/history (shared/workflow/audit-trail.ts); `items` is added by the app for paging. */
export type { HistoryPage } from '../../shared/workflow/audit-trail.js';

export interface SignatureInfo {
  signer: string;
  signedAt?: string;
  valid: boolean;
  trusted: boolean;
  /** Absent from records archived before coverage was recorded. */
  coversWholeDocument?: boolean;
  changesAfter?: {
    kind: 'none' | 'signatures' | 'form-fields' | 'annotations' | 'content';
    pages?: number[];
  };
}

export interface PublicRecord {
  agreementId: string;
  documentType: string;
  category: string;
  title: { id: string; en?: string };
  parties: { name: { id: string; en?: string }; country: string }[];
  signedAt: string;
  validFrom: string;
  validUntil: string | null;
  sha256: string;
  signatures: SignatureInfo[];
}

export interface VerifyResult {
  sha256: string;
  matchesArchivedCopy: boolean;
  archived: PublicRecord | null;
  signatures: SignatureInfo[];
}
