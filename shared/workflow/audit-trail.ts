import * as z from 'zod';
import { mustSee } from '../agreement/queries.js';
import { say } from '../form/messages.js';
import { parse } from '../form/parse.js';
import type { Identity } from '../identity/identity.js';
import { idSchema } from '../ids.js';
import type { Agreements } from '../ports/agreements.js';
import type { Anchor, AnchorLedger, AnchorMarks, MovedHead } from '../ports/anchors.js';
import type { AuditEvents } from '../ports/audit-events.js';
import type { Clock } from '../ports/clock.js';
import { type AuditEvent, ChainCheck } from './audit.js';

/** What an anchor object holds; read back, anything else is not one of ours. */
export const anchorSchema = z.object({
  agreementId: idSchema,
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
});

/** A history page holds at most this many events (about 1.5 MB with the longest comments). */
const MAX_PAGE = 500;

export const historyQuerySchema = z.object({
  /** The seq of the last event of the previous page (its `nextCursor`). */
  cursor: z
    .string()
    .refine((c) => /^\d{1,6}$/.test(c), {
      params: say(
        'tidak sah: gunakan nextCursor dari halaman sebelumnya',
        'is invalid: use the nextCursor of the previous page',
      ),
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
  /** Only events that carry a comment (review comments, reasons). */
  commented: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** Only events of one action, e.g. `terminate`. */
  action: z
    .string()
    .regex(/^[a-z][a-z_-]{0,39}$/)
    .optional(),
});

export interface HistoryPage {
  events: AuditEvent[];
  nextCursor?: string;
  /** Events in the chain (the head's position). */
  length: number;
  /** Whether the whole chain, not only this page, links from the genesis to the head. */
  chainIntact: boolean;
  brokenAt?: number;
  /** The latest anchor, and whether the chain as stored now still has the anchored hash at its seq. */
  anchor: { at: string; seq: number; matches: boolean } | null;
  /** Events no anchor covers yet: the daily job anchors them next. */
  unanchored?: { from: number; to: number; since?: string };
}

export interface AnchorRun {
  anchored: number;
  /** Agreements whose chain since their last anchor does not link to it: left for a person to look at. */
  refused: string[];
}

export interface AuditTrailDeps {
  agreements: Agreements;
  events: AuditEvents;
  marks: AnchorMarks;
  /** Made when needed: only the history and the daily job are configured with the archive bucket. */
  anchors: () => AnchorLedger;
  clock: Clock;
}

/** How many moved heads the daily job anchors at once. */
const PARALLEL = 8;
/** Events read by one Query (about 0.6 MB: one DynamoDB page), and how many such reads run at once. */
const SEGMENT = 1000;
const SEGMENTS_AT_ONCE = 8;

/**
 * Hands `visit` the events with `after < seq <= upTo` in order. They are read as key ranges of
 * SEGMENT events, SEGMENTS_AT_ONCE in parallel (a chain's seqs are known, so each range is its own
 * Query and no read waits for the page before it), then visited in order: memory holds at most one
 * round of reads, 8,000 events, whatever the chain's length.
 */
async function streamChain(
  events: AuditEvents,
  id: string,
  range: { after: number; upTo: number },
  visit: (event: AuditEvent) => void,
): Promise<void> {
  for (let start = range.after; start < range.upTo; start += SEGMENT * SEGMENTS_AT_ONCE) {
    const end = Math.min(range.upTo, start + SEGMENT * SEGMENTS_AT_ONCE);
    const segments: { after: number; upTo: number }[] = [];
    for (let s = start; s < end; s += SEGMENT) segments.push({ after: s, upTo: Math.min(end, s + SEGMENT) });
    const rounds = await Promise.all(
      segments.map(async (segment) => {
        const read: AuditEvent[] = [];
        await events.eventPages(id, segment, (page) => read.push(...page));
        return read;
      }),
    );
    for (const read of rounds) for (const event of read) visit(event);
  }
}

/**
 * The audit trail as its readers see it, page by page, with the chain checked whole every time; and
 * its anchors: the heads recorded daily outside the table, so that rewriting the table (even with
 * every hash recomputed) shows as a mismatch.
 */
export class AuditTrail {
  constructor(private readonly deps: AuditTrailDeps) {}

  /**
   * GET …/history?cursor=&limit=&commented=&action=: a page of events, oldest first, while the whole
   * chain streams past a ChainCheck (memory: a round of reads, one page and one link, whatever the
   * chain's length).
   */
  async history(id: string, user: Identity, query: unknown): Promise<HistoryPage> {
    const q = parse(historyQuerySchema, query);
    const agreement = await mustSee(this.deps.agreements, id, user);
    const anchor = await this.deps.anchors().latest(id);
    // The chain as of this head: events appended meanwhile belong to the next read.
    const head = agreement.lastEvent;
    const after = Number(q.cursor ?? 0);
    const anchoredSeq = anchor?.seq ?? 0;
    const check = new ChainCheck();
    const events: AuditEvent[] = [];
    let more = false;
    let anchoredHash: string | undefined;
    let since: string | undefined;
    await streamChain(this.deps.events, id, { after: 0, upTo: head.seq }, (event) => {
      if (check.add(event) && event.seq === anchoredSeq) anchoredHash = event.hash;
      if (event.seq === anchoredSeq + 1) since = event.at;
      const wanted =
        event.seq > after &&
        (!q.commented || event.comment !== undefined) &&
        (q.action === undefined || event.action === q.action);
      if (!wanted) return;
      if (events.length < q.limit) events.push(event);
      else more = true;
    });
    const last = check.head;
    // A chain that stops short of the head, or ends elsewhere, lost or changed its last events.
    const brokenAt =
      check.brokenAt ?? (last.seq < head.seq ? last.seq + 1 : last.hash !== head.hash ? head.seq : undefined);
    return {
      events,
      ...(more ? { nextCursor: String(events.at(-1)?.seq) } : {}),
      length: head.seq,
      chainIntact: brokenAt === undefined,
      ...(brokenAt === undefined ? {} : { brokenAt }),
      anchor: anchor ? { at: anchor.at, seq: anchor.seq, matches: anchoredHash === anchor.hash } : null,
      ...(head.seq > anchoredSeq
        ? { unanchored: { from: anchoredSeq + 1, to: head.seq, ...(since ? { since } : {}) } }
        : {}),
    };
  }

  /**
   * The daily job's part: every head that moved since it was last anchored gets an anchor, once the
   * events since the previous anchor are checked to link to it. A chain that does not is refused,
   * stays marked, and is reported; its last good anchor keeps showing the mismatch in the history.
   */
  async anchorMoved(): Promise<AnchorRun> {
    const run: AnchorRun = { anchored: 0, refused: [] };
    const at = this.deps.clock.now().toISOString();
    await this.deps.marks.movedHeads(async (heads) => {
      for (let i = 0; i < heads.length; i += PARALLEL) {
        await Promise.all(
          heads.slice(i, i + PARALLEL).map(async (moved) => {
            const outcome = await this.anchor(moved, at);
            if (outcome === 'anchored') run.anchored += 1;
            if (outcome === 'refused') run.refused.push(moved.agreementId);
          }),
        );
      }
    });
    return run;
  }

  private async anchor(moved: MovedHead, at: string): Promise<'anchored' | 'refused' | 'done'> {
    const ledger = this.deps.anchors();
    const previous = await ledger.latest(moved.agreementId);
    if (!previous || previous.seq < moved.seq) {
      const check = new ChainCheck(previous && { seq: previous.seq, hash: previous.hash });
      await streamChain(
        this.deps.events,
        moved.agreementId,
        { after: previous?.seq ?? 0, upTo: moved.seq },
        (event) => check.add(event),
      );
      if (!check.intact || check.head.seq !== moved.seq) return 'refused';
      const anchor: Anchor = { agreementId: moved.agreementId, ...check.head, at };
      await ledger.record(anchor);
      await this.deps.marks.anchored(moved);
      return 'anchored';
    }
    // Anchored already (a repeated run): only the mark is left to take off.
    await this.deps.marks.anchored(moved);
    return 'done';
  }
}
