import type { DocumentType } from '../form/agreement-form.js';
import type { RegisterEntry } from '../register/entry.js';
import type { StoredFormat } from '../register/format.js';
import type { StagedWrite } from './admin-log.js';
import type { Page } from './page.js';

/**
 * The region's register book: number formats, the yearly sequence and its entries. Entries are
 * written with the agreement change that assigns them (ChangeItem `register-entry`).
 */
export interface RegisterStore {
  /** The formats an admin configured (document types without one use the default). */
  formats(regionId: string): Promise<StoredFormat[]>;
  format(regionId: string, documentType: DocumentType): Promise<StoredFormat | undefined>;
  /** The write that stores a format, committed with the admin event that records the change. */
  formatWrite(regionId: string, format: StoredFormat): StagedWrite;
  /**
   * Claims the numbering of an agreement decided at audit position `seq` for `owner` (one request):
   * false while another request holds it (a claim older than `staleBefore` no longer counts), so a
   * duplicated request does not reserve a number of its own.
   */
  claim(agreementId: string, seq: number, owner: string, at: string, staleBefore: string): Promise<boolean>;
  /** Gives a claim back (the request did not write its change), only if `owner` still holds it. */
  release(agreementId: string, owner: string): Promise<void>;
  /**
   * Takes the next sequence of `year` atomically: concurrent callers each get their own, and a
   * sequence once taken is never handed out again, whether or not its entry is ever written.
   */
  reserve(regionId: string, year: number): Promise<number>;
  /** Records a reserved sequence that was never assigned, already voided (never overwrites an entry). */
  recordVoided(entry: RegisterEntry & { voided: NonNullable<RegisterEntry['voided']> }): Promise<void>;
  entry(regionId: string, year: number, sequence: number): Promise<RegisterEntry | undefined>;
  /** A year's entries in sequence order, a page at a time. */
  page(regionId: string, year: number, limit: number, cursor?: string): Promise<Page<RegisterEntry>>;
  /** Every entry of a year in sequence order, handed over a page at a time. */
  entries(regionId: string, year: number, page: (entries: RegisterEntry[]) => void): Promise<void>;
}
