import type { Agreement, AgreementVersion } from '../agreement/agreement.js';
import type { ArchivedCopy, ArchiveRecord } from '../archive/archive-record.js';
import type { ActivityReport } from '../evaluation/activity-report.js';
import type { ListEntry, ListSlot } from '../evaluation/lists.js';
import type { RegisterEntry, Voided } from '../register/entry.js';
import type { AuditEvent } from '../workflow/audit.js';
import type { InboxEntry } from './inbox.js';
import type { OutboxMessage } from './outbox.js';

/** What a decision changes besides the head and its event: typed domain items, no storage words. */
export type ChangeItem =
  /** A new version of the draft, with its rendered files. */
  | { kind: 'version'; version: AgreementVersion }
  /** A create made with an idempotency key (scoped to its user): a second create with it fails. */
  | { kind: 'idempotency'; key: string }
  | { kind: 'inbox-open'; entry: InboxEntry }
  | { kind: 'inbox-close'; stepId: string }
  /** A notification, sent once the change is written. */
  | { kind: 'outbox'; message: OutboxMessage }
  /**
   * The archive record (one per agreement, one per file), its search facets and evaluation lists;
   * the upload it came through is accepted (only while pending), and the agreement it follows
   * leaves the open list.
   */
  | { kind: 'archive'; record: ArchiveRecord; facets: string[]; lists: ListEntry[] }
  /**
   * The archive's copy renewed with a new document timestamp: the record's latest file, listed with
   * its hash, only while the record's file is still the copy it `renews` (by SHA-256).
   */
  | { kind: 'archive-renewal'; copy: ArchivedCopy; renews: string; renewBy: string }
  /** An activity report: `new`, or a review of one still `submitted`. */
  | { kind: 'activity-report'; report: ActivityReport; was: 'new' | 'submitted' }
  /** An evaluation-list entry moves (an accepted report's period end), if the agreement is in the list. */
  | { kind: 'list-move'; entry: ListEntry }
  | { kind: 'list-leave'; slot: ListSlot }
  /** The archive record (and what the periodic report reads) learns that the agreement ended early. */
  | { kind: 'terminated'; on: string }
  /** The register entry of the number the change assigns: written only if the sequence has none. */
  | { kind: 'register-entry'; entry: RegisterEntry }
  /** An assigned number voided: only an entry that exists and is not voided yet. */
  | { kind: 'register-void'; entry: RegisterEntry; voided: Voided }
  /** Written only while the initiating unit is still active: a draft never lands on a unit just deactivated. */
  | { kind: 'unit-active'; regionId: string; code: string }
  /**
   * The row of a batch this draft is made from: recorded with it (once: a row recorded already fails
   * the change) and counted as done, while the batch is running.
   */
  | { kind: 'batch-row'; batchId: string; row: number };

/** One audited change of an agreement: written whole or not at all. */
export interface Change {
  /** The head the decision was made on; absent when the agreement is created. */
  before?: Agreement;
  after: Agreement;
  event: AuditEvent;
  items: ChangeItem[];
}

/** The one write of an audited change. */
export interface AgreementChanges {
  /**
   * Writes the head (only while it is still at `before`'s audit position; only if absent when there
   * is no `before`), its event and items, atomically; a RaceLostError when another write got there
   * first or an item's condition (an idempotency key used, an upload decided) failed.
   */
  commit(change: Change): Promise<void>;
}
