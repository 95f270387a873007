import { createHash } from 'node:crypto';
import type { Agreement } from '../agreement/agreement.js';
import { startLifecycle } from '../evaluation/lifecycle.js';
import { listEntries } from '../evaluation/lists.js';
import { PdfLimitError } from '../pdf/objects.js';
import type { PdfFile } from '../pdf/reader.js';
import type { AgreementStore, ArchiveStore, Clock, UploadRecord } from '../ports.js';
import { type SignatureCheck, verifyPdfSignatures } from '../signing/verify.js';
import { seal } from '../workflow/audit.js';
import { RaceLostError } from '../workflow/race.js';
import { openSteps } from '../workflow/state-machine.js';
import { archiveRecord, facets } from './archive-record.js';
import { inspectPdf, MAX_UPLOAD_BYTES } from './inspect-pdf.js';
import { UPLOAD_KEY } from './upload-key.js';

/** Objects of the incoming and archive buckets. */
export interface IngestionFiles {
  /** The object's size and stored type, without its bytes; undefined when there is no such object. */
  head(bucket: string, key: string): Promise<{ size: number; contentType: string } | undefined>;
  get(bucket: string, key: string): Promise<Uint8Array>;
  /** Copies a refused upload under `quarantine/`; the original is kept too: nothing is deleted. */
  quarantine(bucket: string, key: string): Promise<string>;
  /** Stores the archived copy once: a second write of the same key is refused by the storage. */
  archive(key: string, bytes: Uint8Array): Promise<void>;
}

export interface IngestionDeps {
  store: AgreementStore;
  archive: ArchiveStore;
  files: IngestionFiles;
  clock: Clock;
  /** Roots whose certificates are trusted when the signatures in a file are checked. */
  trustedRoots: () => Promise<string[]>;
}

export type IngestionOutcome =
  | { outcome: 'accepted'; agreementId: string; sha256: string }
  | { outcome: 'quarantined'; reason: string }
  | { outcome: 'duplicate' }
  | { outcome: 'ignored' };

const CHANGED: Record<'form-fields' | 'annotations' | 'content', string> = {
  'form-fields': 'form fields were filled in or changed',
  annotations: 'annotations were added, changed or removed',
  content: 'the page content was changed',
};

/**
 * Why a signed file is refused as altered after its last signature, or undefined. What follows the
 * last signature may only be more signatures, document timestamps and validation data (DSS): a
 * page replaced or an annotation added after the head of region signed is not a signed copy.
 */
export function alteredAfterSigning(signatures: SignatureCheck[]): string | undefined {
  const last = signatures.at(-1);
  if (!last || last.coversWholeDocument) return undefined;
  const { kind, pages } = last.changesAfter;
  if (kind === 'none' || kind === 'signatures') return undefined;
  const where = pages?.length ? ` (page${pages.length > 1 ? 's' : ''} ${pages.join(', ')})` : '';
  return `the file was changed after its last signature (${last.signer}): ${CHANGED[kind]}${where}`;
}

/**
 * Ingests one uploaded object: checks it, then archives it and marks the agreement signed in one
 * transaction, or quarantines it with a reason the uploader sees. Safe to run twice for the same
 * object and in any order: each agreement gets exactly one archive record.
 */
export class Ingestion {
  constructor(private readonly deps: IngestionDeps) {}

  async ingest(bucket: string, key: string): Promise<IngestionOutcome> {
    // Quarantined copies land in the same bucket: never ingest them again.
    if (!key.startsWith('incoming/')) return { outcome: 'ignored' };
    const match = UPLOAD_KEY.exec(key);
    const upload = match ? await this.deps.archive.getUpload(match[2] as string) : undefined;
    if (!upload || upload.agreementId !== match?.[1] || upload.key !== key) {
      await this.deps.files.quarantine(bucket, key);
      return { outcome: 'quarantined', reason: 'the object was not uploaded through an upload request' };
    }
    if (upload.status !== 'pending') return { outcome: 'duplicate' };
    const unread = await this.refuseUnread(bucket, key);
    if (unread) return this.quarantine(upload, unread);
    const bytes = await this.deps.files.get(bucket, key);
    const inspection = inspectPdf(bytes);
    if (!inspection.ok) return this.quarantine(upload, inspection.reason);
    const agreement = await this.deps.store.get(upload.agreementId);
    if (!agreement) return this.quarantine(upload, 'the agreement does not exist');
    if (agreement.status !== 'ready_to_sign') {
      const archived = await this.deps.archive.getArchive(agreement.id);
      return this.quarantine(
        upload,
        archived
          ? 'the agreement is already archived'
          : `the agreement is ${agreement.status}, not ready to sign`,
      );
    }
    return this.accept(upload, agreement, bytes, inspection.pdf);
  }

  /**
   * What the object's metadata alone refuses, before a byte is read: an object that did not come
   * through the upload form's policy (size range, PDF type) may be of any size.
   */
  private async refuseUnread(bucket: string, key: string): Promise<string | undefined> {
    const object = await this.deps.files.head(bucket, key);
    if (!object) return 'the uploaded file is no longer there';
    if (object.size > MAX_UPLOAD_BYTES) {
      // Rounded up, so that a file just over the limit never reads as "25.0 MB".
      const mb = Math.ceil((object.size / 1024 / 1024) * 10) / 10;
      return `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (${mb.toFixed(1)} MB)`;
    }
    const type = object.contentType.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/pdf') {
      return `the file was not uploaded as a PDF: its type is ${object.contentType || 'missing'}`;
    }
    return undefined;
  }

  private async accept(
    upload: UploadRecord,
    agreement: Agreement,
    bytes: Uint8Array,
    pdf: PdfFile,
  ): Promise<IngestionOutcome> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const archivedAs = await this.deps.archive.findArchiveByHash(sha256);
    if (archivedAs)
      return this.quarantine(upload, `this very file is already archived for agreement ${archivedAs}`);
    const version = await this.deps.store.getVersion(agreement.id, agreement.currentVersion);
    if (!version) return this.quarantine(upload, 'the agreement has no current version');
    let signatures: SignatureCheck[];
    try {
      signatures = await verifyPdfSignatures(pdf, await this.deps.trustedRoots());
    } catch (error) {
      if (error instanceof PdfLimitError) return this.quarantine(upload, error.message);
      throw error;
    }
    const altered = alteredAfterSigning(signatures);
    if (altered) return this.quarantine(upload, altered);
    const key = `archive/${agreement.id}/${sha256}.pdf`;
    await this.deps.files.archive(key, bytes);
    const at = this.deps.clock.now().toISOString();
    const record = archiveRecord({
      agreement,
      version,
      file: { key, contentType: 'application/pdf', size: bytes.byteLength, sha256 },
      signatures,
      uploadId: upload.uploadId,
      archivedAt: at,
      archivedBy: upload.createdBy.name,
    });
    // From archiving on, time moves the agreement: signed, active, expiring, expired.
    const { status, lifecycle } = startLifecycle(record, at.slice(0, 10));
    const event = seal(
      {
        agreementId: agreement.id,
        at,
        actor: upload.createdBy,
        action: 'archive',
        version: agreement.currentVersion,
        documentSha256: sha256,
        fromStatus: agreement.status,
        toStatus: status,
        attachment: { key, sha256, name: `${upload.uploadId}.pdf` },
      },
      agreement.lastEvent,
    );
    const updated: Agreement = {
      ...agreement,
      status,
      workflow: { ...agreement.workflow, status },
      lastEvent: { seq: event.seq, hash: event.hash },
      updatedAt: at,
      lifecycle,
    };
    try {
      await this.deps.archive.archive({
        agreement: updated,
        event,
        before: agreement,
        close: openSteps(agreement.workflow).map((s) => s.id),
        record,
        facets: facets(record),
        lists: listEntries(record, await this.followed(agreement.id)),
      });
    } catch (error) {
      if (!(error instanceof RaceLostError)) throw error;
      // Another delivery of this event, or another upload, got there first.
      const now = await this.deps.archive.getUpload(upload.uploadId);
      if (now?.status !== 'pending') return { outcome: 'duplicate' };
      return this.quarantine(
        upload,
        'the agreement changed while the file was checked; it is already archived',
      );
    }
    return { outcome: 'accepted', agreementId: agreement.id, sha256 };
  }

  /** Whether an agreement following this one was archived first (papers do arrive out of order). */
  private async followed(id: string): Promise<boolean> {
    const page = await this.deps.archive.searchArchive({
      facet: `PARENT#${id}`,
      equals: [],
      contains: [],
      ascending: false,
      limit: 1,
    });
    return page.items.length > 0;
  }

  private async quarantine(upload: UploadRecord, reason: string): Promise<IngestionOutcome> {
    await this.deps.files.quarantine(upload.bucket, upload.key);
    const first = await this.deps.archive.quarantineUpload(
      upload.uploadId,
      reason,
      this.deps.clock.now().toISOString(),
    );
    return first ? { outcome: 'quarantined', reason } : { outcome: 'duplicate' };
  }
}
