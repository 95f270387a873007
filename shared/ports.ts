import type { Agreement, AgreementStatus, AgreementVersion } from './agreement/agreement.js';
import type { Category, DocumentType } from './form/agreement-form.js';

/** Rendered files and their bytes; objects are written once under version-specific keys. */
export interface FileStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Best-effort removal of objects that no record points at (after a failed transaction). */
  remove(keys: string[]): Promise<void>;
  /** A short-lived URL that downloads the object under `filename`. */
  downloadUrl(key: string, filename: string, expiresInSeconds: number): Promise<string>;
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

/** Agreements and their versions. Each method is atomic: a reader never sees half a write. */
export interface AgreementStore {
  /**
   * Creates the agreement with its first version. With an idempotency key, a repeated call returns
   * the id recorded by the first one instead of creating a second agreement.
   */
  create(
    agreement: Agreement,
    version: AgreementVersion,
    idempotencyKey?: string,
  ): Promise<{ id: string; created: boolean }>;
  /** The agreement a previous create with this key made, if any. */
  findByIdempotencyKey(key: string): Promise<string | undefined>;
  /** Adds a version and moves the agreement to it, only if it is still at `expectedVersion`. */
  addVersion(agreement: Agreement, version: AgreementVersion, expectedVersion: number): Promise<void>;
  get(id: string): Promise<Agreement | undefined>;
  getVersion(id: string, version: number): Promise<AgreementVersion | undefined>;
  listVersions(id: string): Promise<AgreementVersion[]>;
  list(filter: AgreementFilter, limit: number, cursor?: string): Promise<Page<Agreement>>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
