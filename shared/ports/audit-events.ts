import type { AuditEvent } from '../workflow/audit.js';

/** The hash-chained audit events of each agreement, as stored; they are written with their change. */
export interface AuditEvents {
  /**
   * The audit events with `after < seq <= upTo`, oldest first, handed over a page at a time so that
   * a caller keeps only what it needs of a chain of any length.
   */
  eventPages(
    id: string,
    range: { after: number; upTo: number },
    page: (events: AuditEvent[]) => void,
  ): Promise<void>;
  lastEvent(id: string): Promise<AuditEvent | undefined>;
}
