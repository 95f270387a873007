import type { Agreement, AgreementStatus, AgreementVersion, StoredFile } from './agreement/agreement.js';
import type { ArchiveRecord } from './archive/archive-record.js';
import type { ArchivePlan } from './archive/search.js';
import type { ActivityReport } from './evaluation/activity-report.js';
import type { Dimension } from './evaluation/counters.js';
import type { ListEntry, ListPlan, ListSlot } from './evaluation/lists.js';
import type { Category, DocumentType } from './form/agreement-form.js';
import type { Role } from './identity/identity.js';
import type { AuditEvent } from './workflow/audit.js';
import type { Route } from './workflow/route.js';

/** Rendered files and their bytes; objects are written once under version-specific keys. */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Stores a file from disk without reading it into memory (the periodic reports). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  /** Best-effort removal of objects that no record points at (after a failed transaction). */
  remove(keys: string[]): Promise<void>;
  /** A short-lived URL that downloads the object under `filename`. */
  downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string>;
}

/** What a browser upload is bound to: S3 takes only this key, this type and a size in the range. */
export interface UploadBinding {
  key: string;
  contentType: string;
  minBytes: number;
  maxBytes: number;
  expiresInSeconds: number;
}

/** A presigned POST: the browser sends the signed fields, then the file, to `url`. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** Browser uploads straight to a bucket, never through a Lambda, bound by a signed policy. */
export interface UploadForms {
  post(bucket: string, binding: UploadBinding): Promise<PresignedPost>;
}

export interface AgreementFilter {
  status?: AgreementStatus;
  documentType?: DocumentType;
  category?: Category;
  unit?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** An open step in someone's inbox. */
export interface InboxEntry {
  agreementId: string;
  stepId: string;
  role: Role;
  /** Set for OPD roles: only that unit's users see the entry. */
  unit?: string;
  kind: string;
  title: { id: string; en?: string };
  documentType: DocumentType;
  category: Category;
  version: number;
  openedAt: string;
  dueAt: string;
}

/** An email to the users holding a role (and unit), delivered after the transaction that made it. */
export interface OutboxMessage {
  id: string;
  at: string;
  to: { role: Role; unit?: string };
  subject: string;
  body: string;
  agreementId: string;
}

/** Everything one workflow action writes, together or not at all. */
export interface Transition {
  agreement: Agreement;
  event: AuditEvent;
  /** The head the decision was made on: a concurrent decision makes the write fail. */
  before: Agreement;
  open: InboxEntry[];
  /** Step ids whose inbox entries close. */
  close: string[];
  outbox: OutboxMessage[];
}

/** Agreements, their versions, audit trail, inbox and routes. Each write is one atomic transaction. */
export interface AgreementStore {
  /**
   * Creates the agreement with its first version and audit event. With an idempotency key (the caller
   * scopes it to its user), a repeated call returns the id recorded by the first one instead of
   * creating a second agreement.
   */
  create(
    agreement: Agreement,
    version: AgreementVersion,
    event: AuditEvent,
    idempotencyKey?: string,
  ): Promise<{ id: string; created: boolean }>;
  /** The agreement a previous create with this key made, if any. */
  findByIdempotencyKey(key: string): Promise<string | undefined>;
  /** Adds a version and its event, only if the agreement is still as it was `before`. */
  addVersion(
    agreement: Agreement,
    version: AgreementVersion,
    event: AuditEvent,
    before: Agreement,
  ): Promise<void>;
  /** Applies a workflow transition; a ConflictError when another decision got there first. */
  transition(transition: Transition): Promise<void>;
  get(id: string): Promise<Agreement | undefined>;
  getVersion(id: string, version: number): Promise<AgreementVersion | undefined>;
  listVersions(id: string): Promise<AgreementVersion[]>;
  list(filter: AgreementFilter, limit: number, cursor?: string): Promise<Page<Agreement>>;
  /**
   * The audit events with `after < seq <= upTo`, oldest first, handed over a page at a time so that
   * a caller keeps only what it needs of a chain of any length.
   */
  eventPages(
    id: string,
    range: { after: number; upTo: number },
    page: (events: AuditEvent[]) => void,
  ): Promise<void>;
  lastEvent(id: string): Promise<AuditEvent | undefined>;
  /** Heads that moved since they were last anchored (every head write marks its agreement), page by page. */
  movedHeads(page: (heads: MovedHead[]) => Promise<void>): Promise<void>;
  /** Takes an anchored head off that list, unless it moved past `seq` meanwhile. */
  anchored(head: MovedHead): Promise<void>;
  inbox(role: Role, unit: string | undefined, limit: number, cursor?: string): Promise<Page<InboxEntry>>;
  getRoute(documentType: DocumentType, category: Category): Promise<Route | undefined>;
  /** Saves a route as version `route.version`, only if the stored one is still `route.version - 1`. */
  putRoute(route: Route): Promise<void>;
  /** The newest notifications; with `to`, only those addressed to that role (and unit). */
  outbox(limit: number, to?: OutboxMessage['to']): Promise<OutboxMessage[]>;
}

/** An agreement whose audit chain grew since it was last anchored, and its head's position then. */
export interface MovedHead {
  agreementId: string;
  seq: number;
}

/** A chain head recorded outside the table, where whoever can write the table cannot rewrite it. */
export interface Anchor {
  agreementId: string;
  seq: number;
  hash: string;
  /** When the daily job recorded it. */
  at: string;
}

/** Write-once storage of anchors: the archive bucket (object lock in the cloud). */
export interface AnchorLedger {
  /** The agreement's anchor with the highest seq, if it has one. */
  latest(agreementId: string): Promise<Anchor | undefined>;
  /** Records an anchor once: an anchor already recorded at that seq is never replaced. */
  record(anchor: Anchor): Promise<void>;
}

/** Who holds a role (in a unit): the user pool in the cloud, the demo users locally. */
export interface Directory {
  emailsOf(role: Role, unit?: string): Promise<string[]>;
}

export interface Mailer {
  send(to: string[], subject: string, body: string): Promise<void>;
}

/**
 * A signed copy uploaded through a presigned URL, until ingestion accepts or quarantines it, or
 * fails to check it after every retry (then `failed`, with why: the uploader may try again).
 */
export interface UploadRecord {
  uploadId: string;
  agreementId: string;
  bucket: string;
  key: string;
  status: 'pending' | 'accepted' | 'quarantined' | 'failed';
  reason?: string;
  createdAt: string;
  createdBy: { sub: string; name: string; role: Role; unit?: string };
  decidedAt?: string;
  sha256?: string;
}

/** What a search result shows of an archived agreement. */
export type ArchiveSummary = Pick<
  ArchiveRecord,
  | 'agreementId'
  | 'title'
  | 'documentType'
  | 'category'
  | 'parties'
  | 'countries'
  | 'fields'
  | 'signedAt'
  | 'validFrom'
  | 'validUntil'
  | 'parentId'
> & { unitCode: string };

/** Accepting a signed copy: the archive record, its index entries, the head, the event and the upload, together. */
export interface ArchiveTransition {
  agreement: Agreement;
  event: AuditEvent;
  before: Agreement;
  close: string[];
  record: ArchiveRecord;
  facets: string[];
  /** Its entries in the evaluation lists; the agreement it follows leaves the open list. */
  lists: ListEntry[];
}

export interface ArchiveStore {
  putUpload(upload: UploadRecord): Promise<void>;
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** Marks a pending upload quarantined; false when it was already decided (a repeated event). */
  quarantineUpload(uploadId: string, reason: string, at: string): Promise<boolean>;
  /** Marks a pending upload failed (ingestion gave up on it); false when it was already decided. */
  failUpload(uploadId: string, reason: string, at: string): Promise<boolean>;
  /** Archives; a RaceLostError when the agreement moved on or the upload was already decided. */
  archive(transition: ArchiveTransition): Promise<void>;
  getArchive(agreementId: string): Promise<ArchiveRecord | undefined>;
  findArchiveByHash(sha256: string): Promise<string | undefined>;
  searchArchive(plan: ArchivePlan): Promise<Page<ArchiveSummary>>;
  /** Appends an audit event that changes nothing else (a download), chained after the head `before`. */
  appendEvent(agreement: Agreement, event: AuditEvent, before: Agreement): Promise<void>;
}

/** An audited change of an agreement head: written only while the head is still `before`. */
export interface HeadChange {
  before: Agreement;
  after: Agreement;
  event: AuditEvent;
}

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

/** Counters, evaluation lists, activity reports, the daily job's work and the periodic reports. */
export interface EvaluationStore {
  counters(): Promise<{ dimension: Dimension; counters: Record<string, number> }[]>;
  list(
    plan: ListPlan,
    unit: string | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<ArchiveSummary>>;
  /** Every activity report of an agreement (what a new report or a review is checked against). */
  activityReports(agreementId: string): Promise<ActivityReport[]>;
  /** The agreement's activity reports, latest period start first, a page at a time. */
  activityReportPage(agreementId: string, limit: number, cursor?: string): Promise<Page<ActivityReport>>;
  /** Stores a new report with its audit event. */
  addActivityReport(change: HeadChange, report: ActivityReport): Promise<void>;
  /** Records the Biro's decision; an accepted report moves the agreement's last activity. */
  reviewActivityReport(change: HeadChange, report: ActivityReport, activity?: ListEntry): Promise<void>;
  /**
   * Reports whose period ends in one of `years`, from the evaluation index, handed over a page at a
   * time so that a caller keeps only what it needs of 300,000 of them.
   */
  activityReportsEnding(years: string[], page: (items: ReportedActivity[]) => void): Promise<void>;
  /** Archived agreements signed on or before `to`, a page at a time. */
  archivedUntil(to: string, page: (items: ReportedAgreement[]) => void): Promise<void>;
  /** Agreements whose lifecycle is due on or before `today`. */
  due(today: string, limit: number): Promise<string[]>;
  /** Inbox entries due before `now` whose holders have not been reminded. */
  overdue(now: string, limit: number): Promise<InboxEntry[]>;
  /** Whether an agreement is still in its open list (no follower archived). */
  isOpen(agreementId: string): Promise<boolean>;
  /**
   * Moves a lifecycle along: the head (its status and counters), the event, reminders, and the list
   * entries that an ended agreement leaves. A termination also marks the archive record.
   */
  advance(
    change: HeadChange,
    outbox: OutboxMessage[],
    leave: ListSlot[],
    terminatedOn?: string,
  ): Promise<void>;
  /** Marks an overdue step reminded and queues the reminder; false when it already was. */
  remindOverdue(entry: InboxEntry, message: OutboxMessage): Promise<boolean>;
  putReport(report: StoredReport): Promise<void>;
  getReport(period: string): Promise<StoredReport | undefined>;
  /** The stored reports, newest period first, a page at a time. */
  listReports(limit: number, cursor?: string): Promise<Page<StoredReport>>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
