import type { ArchiveRecord } from '../archive/archive-record.js';
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
  /** The agreement an archived file belongs to. */
  findArchiveByHash(sha256: string): Promise<string | undefined>;
  searchArchive(plan: ArchivePlan): Promise<Page<ArchiveSummary>>;
}
