import type { Agreement } from '../agreement/agreement.js';
import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { ConflictError } from '../errors.js';
import { startLifecycle } from '../evaluation/lifecycle.js';
import { listEntries } from '../evaluation/lists.js';
import { sha256 } from '../hash.js';
import { PdfLimitError } from '../pdf/objects.js';
import type { PdfFile } from '../pdf/reader.js';
import type { Agreements } from '../ports/agreements.js';
import type { Archive } from '../ports/archive.js';
import type { IngestionFiles } from '../ports/ingestion-files.js';
import type { TrustedRoots } from '../ports/signing.js';
import type { UploadRecord, UploadStore } from '../ports/uploads.js';
import { type SealDeps, sealForArchive } from '../signing/archival.js';
import { type SignatureCheck, verifyPdfSignatures } from '../signing/verify.js';
import { RaceLostError } from '../workflow/race.js';
import { openSteps } from '../workflow/state-machine.js';
import { type ArchivedCopy, archivedCopy, archiveRecord, facets } from './archive-record.js';
import { inspectPdf, MAX_UPLOAD_BYTES } from './inspect-pdf.js';
import { renewalDay } from './renewal-day.js';
import { UPLOAD_KEY } from './upload-key.js';

export interface IngestionDeps extends ChangeDeps {
  agreements: Agreements;
  uploads: UploadStore;
  archive: Archive;
  /** The incoming and archive buckets. */
  objects: IngestionFiles;
  trustedRoots: TrustedRoots;
  /** Trusted time and revocation data for the archive's seal (B-LTA). */
  seal: SealDeps;
  /** How many days before the seal's timestamp certificate expires the daily job renews it. */
  renewalMarginDays: number;
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
    const upload = match ? await this.deps.uploads.getUpload(match[2] as string) : undefined;
    if (!upload || upload.agreementId !== match?.[1] || upload.key !== key) {
      await this.deps.objects.quarantine(bucket, key);
      return { outcome: 'quarantined', reason: 'the object was not uploaded through an upload request' };
    }
    if (upload.status !== 'pending') return { outcome: 'duplicate' };
    const unread = await this.refuseUnread(bucket, key);
    if (unread) return this.quarantine(upload, unread);
    const bytes = await this.deps.objects.get(bucket, key);
    const inspection = inspectPdf(bytes);
    if (!inspection.ok) return this.quarantine(upload, inspection.reason);
    const agreement = await this.deps.agreements.get(upload.agreementId);
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
    const object = await this.deps.objects.head(bucket, key);
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
    const hash = sha256(bytes);
    const archivedAs = await this.deps.archive.findArchiveByHash(hash);
    if (archivedAs) {
      return this.quarantine(
        upload,
        `this very file is already archived for agreement ${archivedAs.agreementId}`,
      );
    }
    const version = await this.deps.agreements.getVersion(agreement.id, agreement.currentVersion);
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
    const copy = await this.sealed(`archive/${agreement.id}/${hash}.pdf`, bytes);
    const followed = await this.followed(agreement.id);
    try {
      await recordChange(this.deps, {
        load: async () => agreement,
        decide: async (current, at) => {
          const record = archiveRecord({
            agreement: current,
            version,
            uploaded: { sha256: hash, size: bytes.byteLength },
            copy,
            renewBy: renewalDay(copy.timestampValidUntil, this.deps.renewalMarginDays),
            signatures,
            uploadId: upload.uploadId,
            archivedAt: at,
            archivedBy: upload.createdBy.name,
          });
          // From archiving on, time moves the agreement: signed, active, expiring, expired.
          const { status, lifecycle } = startLifecycle(record, at.slice(0, 10));
          return {
            after: { ...current, status, lifecycle },
            event: {
              actor: upload.createdBy,
              action: 'archive',
              documentSha256: copy.sha256,
              attachment: { key: copy.key, sha256: copy.sha256, name: `${upload.uploadId}.pdf` },
            },
            items: [
              ...openSteps(current.workflow).map((s) => ({ kind: 'inbox-close' as const, stepId: s.id })),
              { kind: 'archive', record, facets: facets(record), lists: listEntries(record, followed) },
            ],
            result: undefined,
          };
        },
        // The checks were made on this head: another change to it is not taken over.
        attempts: 1,
        lost: async (race) => race,
      });
    } catch (error) {
      if (!(error instanceof RaceLostError)) throw error;
      // Another delivery of this event, or another upload, got there first.
      const now = await this.deps.uploads.getUpload(upload.uploadId);
      if (now?.status !== 'pending') return { outcome: 'duplicate' };
      return this.quarantine(
        upload,
        'the agreement changed while the file was checked; it is already archived',
      );
    }
    return { outcome: 'accepted', agreementId: agreement.id, sha256: hash };
  }

  /**
   * The archive's sealed copy of an upload (B-LTA), kept under the upload's hash. The key is the same
   * for every delivery of the event, so a copy an earlier delivery stored before it failed is the
   * copy: sealing again would ask for another timestamp and leave a second object in the write-once
   * bucket.
   */
  private async sealed(key: string, bytes: Uint8Array): Promise<ArchivedCopy> {
    const kept = await this.deps.objects.kept(key);
    if (kept) {
      // A seal is the upload with updates appended: anything else under its key is no copy of ours.
      if (!Buffer.from(kept.bytes.subarray(0, bytes.byteLength)).equals(Buffer.from(bytes))) {
        throw new ConflictError(`The archive holds ${key}, and it is not a seal of this upload`);
      }
      return archivedCopy(key, kept.bytes, kept.timestamp);
    }
    const { bytes: copy, ...timestamp } = await sealForArchive(bytes, this.deps.seal);
    const stored = await this.deps.objects.keep(key, copy, timestamp);
    return archivedCopy(key, stored.bytes, stored.timestamp);
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
    await this.deps.objects.quarantine(upload.bucket, upload.key);
    const first = await this.deps.uploads.quarantineUpload(
      upload.uploadId,
      reason,
      this.deps.clock.now().toISOString(),
    );
    return first ? { outcome: 'quarantined', reason } : { outcome: 'duplicate' };
  }
}
