import type { OnBehalfOf } from '../delegation/delegation.js';
import type { Deviation } from '../documents/negotiation.js';
import { sha256 } from '../hash.js';
import type { Identity, Role } from '../identity/identity.js';

/** The hash a chain starts from. */
export const GENESIS = '0'.repeat(64);

/** One immutable entry of an agreement's audit trail; `hash` covers every other field. */
export interface AuditEvent {
  agreementId: string;
  seq: number;
  at: string;
  actor: { sub: string; name: string; role: Role; unit?: string };
  action: string;
  version: number;
  /** SHA-256 of the PDF of the version acted on. */
  documentSha256: string;
  fromStatus?: string;
  toStatus: string;
  steps?: string[];
  comment?: string;
  /** Article key a comment is anchored to. */
  article?: string;
  /** A file recorded with the action, e.g. the ministry's letter at a consultation step. */
  attachment?: { key: string; sha256: string; name: string };
  /**
   * The register number the action assigned (with the SHA-256 of the PDF rendered again with it), or
   * voided (`void_number`).
   */
  register?: { number: string; year: number; sequence: number; sha256?: string };
  /** The actor acted for an office under a delegation (Plt., Plh., a.n.), in the official form. */
  onBehalfOf?: OnBehalfOf;
  /** The Biro head's approval: the version's negotiated departures from its template it accepts. */
  acceptedDeviations?: Deviation[];
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A link of a hash chain: the agreements' audit trails and the administration log alike. */
export interface Link {
  seq: number;
  prevHash: string;
  hash: string;
}

export function hashEvent(event: object): string {
  return sha256(canonicalJson(event));
}

/** Seals an event onto the chain after `previous` (or the genesis). */
export function seal<E extends object>(
  event: E,
  previous: { seq: number; hash: string } | undefined,
): E & Link {
  const unsealed = { ...event, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS };
  return { ...unsealed, hash: hashEvent(unsealed) };
}

/**
 * Checks a chain event by event, oldest first, keeping only the last verified link: a chain of any
 * length in constant memory. Starts from the genesis, or from a link already trusted (an anchor).
 */
export class ChainCheck {
  private last: { seq: number; hash: string };
  /** The first event that does not follow from the one before; nothing after it is checked. */
  brokenAt?: number;

  constructor(from: { seq: number; hash: string } = { seq: 0, hash: GENESIS }) {
    this.last = from;
  }

  /** Whether `event` follows: the next seq, linked to the last hash, its own hash matching its content. */
  add(event: Link): boolean {
    if (this.brokenAt !== undefined) return false;
    const { hash, ...rest } = event;
    if (event.seq !== this.last.seq + 1 || event.prevHash !== this.last.hash || hashEvent(rest) !== hash) {
      this.brokenAt = event.seq;
      return false;
    }
    this.last = { seq: event.seq, hash };
    return true;
  }

  get intact(): boolean {
    return this.brokenAt === undefined;
  }

  /** The last link verified so far. */
  get head(): { seq: number; hash: string } {
    return this.last;
  }
}

/** Whether every event's hash matches its content and links to the one before, from the genesis. */
export function verifyChain(events: readonly Link[]): { intact: boolean; brokenAt?: number } {
  const check = new ChainCheck();
  for (const event of events) if (!check.add(event)) break;
  return check.brokenAt === undefined ? { intact: true } : { intact: false, brokenAt: check.brokenAt };
}

/** How an event records who acted. */
export const actorOf = (user: Identity): AuditEvent['actor'] => ({
  sub: user.sub,
  name: user.name,
  role: user.role,
  ...(user.unit ? { unit: user.unit } : {}),
});
