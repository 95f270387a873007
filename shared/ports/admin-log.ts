import type { AdminEvent } from '../admin/admin-log.js';
import type { Page } from './page.js';

declare const staged: unique symbol;

/**
 * A write an adapter prepared (a unit, a user, the region profile…), committed together with the
 * admin event that explains it. Opaque to the core: only the adapter that made it can read it.
 */
export interface StagedWrite {
  readonly [staged]: true;
}

/** A region's hash-chained administration log, and the one write of an administrative change. */
export interface AdminLog {
  /** The last event's position, read consistently: where the next event chains on. */
  head(regionId: string): Promise<{ seq: number; hash: string } | undefined>;
  /**
   * Appends `event` (only while the log is still at `event.seq - 1`) and applies `writes`, all at
   * once; a RaceLostError when another change got there first or a write's condition failed.
   */
  append(event: AdminEvent, writes: readonly StagedWrite[]): Promise<void>;
  /** Newest first, a page at a time. */
  page(regionId: string, limit: number, cursor?: string): Promise<Page<AdminEvent>>;
  /** Every event, oldest first, handed over a page at a time (to check the chain in constant memory). */
  pages(regionId: string, page: (events: AdminEvent[]) => void): Promise<void>;
}
