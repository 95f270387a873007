/** An agreement whose audit chain grew since it was last anchored, and its head's position then. */
export interface MovedHead {
  agreementId: string;
  seq: number;
}

/** Which heads moved: every change of a head marks its agreement, in the same write. */
export interface AnchorMarks {
  /** Heads that moved since they were last anchored, page by page. */
  movedHeads(page: (heads: MovedHead[]) => Promise<void>): Promise<void>;
  /** Takes an anchored head off that list, unless it moved past `seq` meanwhile. */
  anchored(head: MovedHead): Promise<void>;
}

/** A chain head recorded outside the table, where whoever can write the table cannot rewrite it. */
export interface Anchor {
  agreementId: string;
  seq: number;
  hash: string;
  /** When the daily job recorded it. */
  at: string;
}

/** Write-once storage of anchors: the archive bucket (object lock in the cloud). */
export interface AnchorLedger {
  /** The agreement's anchor with the highest seq, if it has one. */
  latest(agreementId: string): Promise<Anchor | undefined>;
  /** Records an anchor once: an anchor already recorded at that seq is never replaced. */
  record(anchor: Anchor): Promise<void>;
}
