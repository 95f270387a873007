import type { Agreement, AgreementVersion } from '../agreement/agreement.js';
import type { AgreementStatus } from '../agreement/status.js';
import type { Category, DocumentType } from '../form/agreement-form.js';
import type { Page } from './page.js';

export interface AgreementFilter {
  status?: AgreementStatus;
  documentType?: DocumentType;
  category?: Category;
  unit?: string;
}

/** Agreements and their versions as stored; every write goes through AgreementChanges. */
export interface Agreements {
  get(id: string): Promise<Agreement | undefined>;
  getVersion(id: string, version: number): Promise<AgreementVersion | undefined>;
  listVersions(id: string): Promise<AgreementVersion[]>;
  list(filter: AgreementFilter, limit: number, cursor?: string): Promise<Page<Agreement>>;
  /** The unit's agreements still being drafted, routed or signed, newest first, at most `limit`. */
  inProgress(unit: string, limit: number): Promise<Agreement[]>;
  /** The agreement a previous create with this key (scoped to its user) made, if any. */
  findByIdempotencyKey(key: string): Promise<string | undefined>;
}
