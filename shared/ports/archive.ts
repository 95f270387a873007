import type { ArchiveRecord, CopyKind } from '../archive/archive-record.js';
import type { ArchivePlan } from '../archive/search.js';
import type { Page } from './page.js';

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
  | 'documentNumber'
> & { unitCode: string };

/** Archive records and their search index; a record is written with its change (AgreementChanges). */
export interface Archive {
  getArchive(agreementId: string): Promise<ArchiveRecord | undefined>;
  /** The agreement a file belongs to, and which of its copies the file is. */
  findArchiveByHash(sha256: string): Promise<{ agreementId: string; copy: CopyKind } | undefined>;
  searchArchive(plan: ArchivePlan): Promise<Page<ArchiveSummary>>;
}
