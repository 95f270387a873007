import { ulid } from 'ulid';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { say } from '../form/messages.js';
import { BIRO_ROLES, type Identity } from '../identity/identity.js';
import { ID_PATTERN, isId } from '../ids.js';
import type { Batch, BatchStore } from '../ports/batches.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { UploadForms } from '../ports/upload-forms.js';
import { uploadTicket } from '../upload-ticket.js';

/** The uploaded file: 500 rows of a few dozen fields are a few hundred KB. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Under the incoming bucket's `batches/`: one key per batch, which names it. */
export const batchUploadKey = (batchId: string) => `batches/${batchId}.xlsx`;
const KEY = new RegExp(`^batches/(${ID_PATTERN})\\.xlsx$`);
/** The batch an uploaded object's key names, if it is a batch upload's key at all. */
export const batchOfKey = (key: string): string | undefined => KEY.exec(key)?.[1];

export type BatchOutcome =
  | { outcome: 'done'; batchId: string; done: number; failed: number }
  | { outcome: 'refused' | 'failed' | 'duplicate'; batchId: string }
  | { outcome: 'ignored'; reason: string };

export interface BatchDeps {
  store: BatchStore;
  forms: UploadForms;
  /** The documents bucket: the result workbooks. */
  files: FileStore;
  clock: Clock;
  /** Read when an upload is requested: only that handler is configured with the bucket. */
  incomingBucket: () => string;
}

/** The result workbook's link lives as long as the other download links. */
const LINK_SECONDS = 300;

/**
 * Batch drafting's requests (README, "Batch drafting"): an OPD drafter asks for an upload form for a
 * workbook of shared fields and one row per partner, and reads the batch's progress and result. Its
 * ObjectCreated event drafts the rows (BatchDrafts), apart from these, so that only that function
 * carries the workbook reader and the renderers.
 */
export class Batches {
  constructor(private readonly deps: BatchDeps) {}

  /** POST /api/batches: a pending batch and the presigned form its workbook goes up with. */
  async requestUpload(user: Identity) {
    if (user.role !== 'opd_drafter' || !user.unit) {
      throw new ForbiddenError(
        say(
          'Hanya Penyusun OPD yang dapat menyusun draf secara massal',
          'Only an OPD drafter may draft in batches',
        ),
        { mayAct: ['opd_drafter'] },
      );
    }
    const batchId = ulid();
    const now = this.deps.clock.now();
    const batch: Batch = {
      batchId,
      status: 'pending',
      bucket: this.deps.incomingBucket(),
      key: batchUploadKey(batchId),
      drafter: { sub: user.sub, name: user.name, unit: user.unit },
      createdAt: now.toISOString(),
      total: 0,
      done: 0,
      failed: 0,
    };
    await this.deps.store.putBatch(batch);
    // S3 itself refuses another key, an empty file or one over the limit.
    const ticket = await uploadTicket(
      (binding) => this.deps.forms.post(batch.bucket, binding),
      { key: batch.key, contentType: XLSX_TYPE, minBytes: 1, maxBytes: MAX_BATCH_BYTES },
      now,
    );
    return { batchId, ...ticket };
  }

  /** GET /api/batches/{id}: the progress, the reason of a refusal, and the result workbook's link. */
  async get(batchId: string, user: Identity) {
    const batch = isId(batchId) ? await this.deps.store.getBatch(batchId) : undefined;
    // Another drafter's batch is answered as unknown, as another OPD's agreement is.
    const reader = user.sub === batch?.drafter.sub || BIRO_ROLES.includes(user.role) || user.role === 'admin';
    if (!batch || !reader) throw new NotFoundError(`Batch ${batchId}`);
    const { bucket: _b, key: _k, resultKey, sha256: _s, ...visible } = batch;
    const result =
      resultKey && (await this.deps.files.downloadUrl(resultKey, `hasil-${batchId}.xlsx`, LINK_SECONDS));
    return { ...visible, links: result ? { result } : {} };
  }

  /** The dead-letter queue's verdict on a batch whose drafting failed every retry: the drafts made stay. */
  async failed(key: string, reason: string): Promise<BatchOutcome> {
    const batchId = batchOfKey(key);
    if (!batchId) return { outcome: 'ignored', reason: `not a batch upload: ${key}` };
    const ended = await this.deps.store.end(
      batchId,
      'failed',
      say(reason, reason),
      this.deps.clock.now().toISOString(),
    );
    return { outcome: ended ? 'failed' : 'duplicate', batchId };
  }
}
