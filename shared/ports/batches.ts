import type { Issue } from '../errors.js';
import type { Bilingual } from '../form/messages.js';

/**
 * A batch of drafts from one uploaded workbook: `pending` until its ObjectCreated event reads the
 * file, then `refused` (with the reason: nothing drafted) or `running` (`total` rows) until every row
 * is recorded, `done` with the result workbook; `failed` when drafting failed every retry (the rows
 * recorded so far stay drafted).
 */
export interface Batch {
  batchId: string;
  status: 'pending' | 'running' | 'done' | 'refused' | 'failed';
  bucket: string;
  key: string;
  /** The drafter who asked for it: the drafts are theirs, of their unit. */
  drafter: { sub: string; name: string; unit: string };
  createdAt: string;
  total: number;
  done: number;
  failed: number;
  reason?: Bilingual;
  size?: number;
  sha256?: string;
  startedAt?: string;
  finishedAt?: string;
  /** The result workbook in the documents bucket, once done. */
  resultKey?: string;
}

/** A row once it is drafted (`agreementId`, written with the draft) or refused (`errors`). */
export interface BatchRow {
  row: number;
  agreementId?: string;
  errors?: Issue[];
}

/** Batches and their rows; a drafted row is written with its agreement (ChangeItem `batch-row`). */
export interface BatchStore {
  putBatch(batch: Batch): Promise<void>;
  getBatch(batchId: string): Promise<Batch | undefined>;
  /** The rows recorded so far. */
  rows(batchId: string): Promise<BatchRow[]>;
  /** A pending batch starts with its row count; true also when it is running already from the same file. */
  start(batchId: string, total: number, file: { size: number; sha256: string }, at: string): Promise<boolean>;
  /** A row that could not be drafted, counted as failed with it; false when the row is recorded already. */
  recordFailedRow(batchId: string, row: BatchRow): Promise<boolean>;
  /** A running batch is done, with its result workbook; false when it is not running (decided already). */
  finish(batchId: string, resultKey: string, at: string): Promise<boolean>;
  /** A batch ends without its result: refused while pending, failed while pending or running. */
  end(batchId: string, status: 'refused' | 'failed', reason: Bilingual, at: string): Promise<boolean>;
}
