import type { Drafting } from '../agreement/drafting.js';
import { attemptId, committing } from '../attempt.js';
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../errors.js';
import { type Bilingual, say } from '../form/messages.js';
import { sha256 } from '../hash.js';
import type { Identity } from '../identity/identity.js';
import type { Batch, BatchRow, BatchStore } from '../ports/batches.js';
import type { Clock } from '../ports/clock.js';
import type { FileStore } from '../ports/files.js';
import type { StoredObjects } from '../ports/ingestion-files.js';
import { RaceLostError } from '../workflow/race.js';
import { type BatchOutcome, batchOfKey, MAX_BATCH_BYTES, XLSX_TYPE } from './batches.js';
import {
  type BatchWorkbook,
  batchResultWorkbook,
  formOfRow,
  type PartnerRow,
  readBatchWorkbook,
  WorkbookRefused,
} from './workbook.js';

export interface BatchDraftDeps {
  store: BatchStore;
  /** The documents bucket: the result workbooks. */
  files: FileStore;
  /** The uploaded workbooks, where their events say they are. */
  uploaded: StoredObjects;
  clock: Clock;
  drafting: () => Pick<Drafting, 'create'>;
  /** The drafter as the user store has them now (a disabled or unknown user throws). */
  drafter: (sub: string) => Promise<Identity>;
}

/** A row whose change lost a race (a concurrent delivery of the same event) is looked at again. */
const ROW_ATTEMPTS = 3;
const FINISHED: readonly Batch['status'][] = ['done', 'refused', 'failed'];

/** What a row's mistake says in the result workbook; undefined for an outage or a race (retried). */
function rowErrors(error: unknown): Issue[] | undefined {
  if (error instanceof ValidationError) return error.issues;
  if (error instanceof ForbiddenError || error instanceof ConflictError)
    return [{ path: '', message: error.text }];
  if (error instanceof NotFoundError)
    return [{ path: '', message: say(`${error.what} tidak ditemukan`, `${error.what} was not found`) }];
  return undefined;
}

/**
 * The drafting of an uploaded batch workbook, run by its ObjectCreated event: each row drafted once,
 * as the drafter (the row's draft and its record, counted, are one transaction; the row key
 * `batch#<batchId>#<row>` is the draft's idempotency key), then a result workbook naming each row's
 * agreement or errors.
 */
export class BatchDrafts {
  constructor(private readonly deps: BatchDraftDeps) {}

  /**
   * The ObjectCreated event of an uploaded workbook → each row drafted or reported, then the result.
   * Idempotent and resumable: rows recorded already are skipped, a row's draft is written with its
   * record (so a repeated, concurrent or out-of-order delivery never drafts a row twice), and an
   * invocation that stops half-way (a timeout, an outage) is retried from the first row not recorded.
   */
  async draft(bucket: string, key: string): Promise<BatchOutcome> {
    const batchId = batchOfKey(key);
    if (!batchId) return { outcome: 'ignored', reason: `not a batch upload: ${key}` };
    const batch = await this.deps.store.getBatch(batchId);
    if (!batch || batch.bucket !== bucket || batch.key !== key) {
      return { outcome: 'ignored', reason: `no batch was asked for ${bucket}/${key}` };
    }
    if (FINISHED.includes(batch.status)) return { outcome: 'duplicate', batchId };
    const end = async (status: 'refused' | 'failed', reason: Bilingual): Promise<BatchOutcome> => {
      const ended = await this.deps.store.end(batchId, status, reason, this.at());
      return { outcome: ended ? status : 'duplicate', batchId };
    };
    // The size first, without reading a byte: an object written past the form's limit is refused.
    const head = await this.deps.uploaded.head(bucket, key);
    if (!head) return end('refused', say('berkas tidak ditemukan', 'the file is not there'));
    if (head.size > MAX_BATCH_BYTES) {
      return end(
        'refused',
        say(`berkas lebih dari 5 MB (${head.size} bita)`, `the file is over 5 MB (${head.size} bytes)`),
      );
    }
    const drafter = await this.drafterOf(batch);
    if ('reason' in drafter) return end('refused', drafter.reason);
    const bytes = await this.deps.uploaded.get(bucket, key);
    let workbook: BatchWorkbook;
    try {
      workbook = await readBatchWorkbook(bytes);
    } catch (error) {
      if (error instanceof WorkbookRefused) return end('refused', error.reason);
      throw error;
    }
    const file = { size: bytes.byteLength, sha256: sha256(bytes) };
    if (!(await this.deps.store.start(batchId, workbook.rows.length, file, this.at()))) {
      const now = await this.deps.store.getBatch(batchId);
      if (now?.status !== 'running') return { outcome: 'duplicate', batchId };
      // The same key was uploaded again, with another file, while the first was being drafted.
      return end(
        'failed',
        say(
          'berkas diganti selama draf disusun: draf yang sudah dibuat tetap ada; unggah baris sisanya sebagai batch baru',
          'the file was replaced while it was being drafted: the drafts made stay; upload the remaining rows as a new batch',
        ),
      );
    }
    const recorded = new Set((await this.deps.store.rows(batchId)).map((r) => r.row));
    for (const row of workbook.rows) {
      if (!recorded.has(row.row)) await this.draftRow(batch, workbook, row, drafter.identity);
    }
    return this.finish(batchId, workbook);
  }

  private at(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The drafter now: still enabled, still an OPD drafter of the batch's unit; or why the batch is refused. */
  private async drafterOf(batch: Batch): Promise<{ identity: Identity } | { reason: Bilingual }> {
    let identity: Identity;
    try {
      identity = await this.deps.drafter(batch.drafter.sub);
    } catch (error) {
      if (error instanceof UnauthorizedError || error instanceof ForbiddenError) {
        return { reason: error.text ?? say('pengguna tidak dikenal', 'unknown user') };
      }
      throw error;
    }
    if (identity.role !== 'opd_drafter' || identity.unit !== batch.drafter.unit) {
      return {
        reason: say(
          `${batch.drafter.name} bukan lagi Penyusun OPD ${batch.drafter.unit}`,
          `${batch.drafter.name} is no longer an OPD drafter of ${batch.drafter.unit}`,
        ),
      };
    }
    return { identity };
  }

  /** Drafts one row with its record, or records its errors; an outage throws, so that the event is retried. */
  private async draftRow(batch: Batch, workbook: BatchWorkbook, row: PartnerRow, drafter: Identity) {
    const { batchId } = batch;
    if (row.problems.length) {
      await this.deps.store.recordFailedRow(batchId, { row: row.row, errors: row.problems });
      return;
    }
    const form = formOfRow(workbook, row, batch.drafter.unit);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps
          .drafting()
          .create(form, drafter, `batch#${batchId}#${row.row}`, [
            { kind: 'batch-row', batchId, row: row.row },
          ]);
        return;
      } catch (error) {
        const errors = rowErrors(error);
        if (errors) {
          await this.deps.store.recordFailedRow(batchId, { row: row.row, errors });
          return;
        }
        // A race lost to a concurrent delivery that recorded this row: nothing more to do.
        if (!(error instanceof RaceLostError) || attempt >= ROW_ATTEMPTS) throw error;
        const rows = await this.deps.store.rows(batchId);
        if (rows.some((r) => r.row === row.row)) return;
      }
    }
  }

  /** Every row recorded: the result workbook, and the batch done (once: a later delivery removes its copy). */
  private async finish(batchId: string, workbook: BatchWorkbook): Promise<BatchOutcome> {
    const rows: BatchRow[] = await this.deps.store.rows(batchId);
    const key = `batches/${batchId}/${attemptId()}/result.xlsx`;
    const won = await committing(this.deps.files, [key], async () => {
      await this.deps.files.put(key, await batchResultWorkbook(workbook, rows), XLSX_TYPE);
      return this.deps.store.finish(batchId, key, this.at());
    });
    if (!won) {
      await this.deps.files.remove([key]);
      return { outcome: 'duplicate', batchId };
    }
    const done = rows.filter((r) => r.agreementId).length;
    return { outcome: 'done', batchId, done, failed: rows.length - done };
  }
}
