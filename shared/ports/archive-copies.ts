/** What a copy's document timestamp says, stored with the copy. */
export interface CopyTimestamp {
  timestampedAt: string;
  timestampValidUntil: string;
}

export interface KeptCopy {
  bytes: Uint8Array;
  timestamp: CopyTimestamp;
}

/**
 * The write-once archive bucket's copies: a copy is stored once under its key and never changed;
 * what its last document timestamp says is kept with it, so that a retry can take the copy over.
 */
export interface ArchiveCopies {
  /** The copy kept under `key`, or undefined when there is none. */
  kept(key: string): Promise<KeptCopy | undefined>;
  /**
   * Stores a copy once (a second write of the same key is refused by the storage) and answers the
   * copy kept: this one, or the one a concurrent writer stored first.
   */
  keep(key: string, bytes: Uint8Array, timestamp: CopyTimestamp): Promise<KeptCopy>;
}
