import { type ChangeDeps, recordChange } from '../agreement/record-change.js';
import { ConflictError } from '../errors.js';
import { sha256 } from '../hash.js';
import type { Agreements } from '../ports/agreements.js';
import type { Archive } from '../ports/archive.js';
import type { ArchiveCopies } from '../ports/archive-copies.js';
import { type SealDeps, sealForArchive } from '../signing/archival.js';
import { RaceLostError } from '../workflow/race.js';
import { SCHEDULE } from '../workflow/schedule-actor.js';
import { type ArchivedCopy, archivedCopy } from './archive-record.js';
import { renewalDay } from './renewal-day.js';

export interface RenewalDeps extends ChangeDeps {
  agreements: Agreements;
  archive: Archive;
  copies: ArchiveCopies;
  seal: SealDeps;
  renewalMarginDays: number;
}

export type RenewalOutcome = 'renewed' | 'not-due' | 'duplicate';

/** Where the n-th renewal of a sealed copy is kept: beside it, never over it. */
export const renewalKey = (sealedKey: string, n: number) => sealedKey.replace(/\.pdf$/, `.renewal-${n}.pdf`);

/**
 * Renews an archived agreement's proof before its last document timestamp's certificate expires
 * (PAdES B-LTA, ETSI EN 319 142-1 §5.5): the latest copy receives the validation data of that
 * timestamp and a new document timestamp, as a new copy kept beside the others. Nothing of an
 * earlier copy changes. A renewal that would not move the expiry forward (the TSA still signs
 * with the same certificate) is refused: it would only postpone the same question.
 */
export class ArchiveRenewal {
  constructor(private readonly deps: RenewalDeps) {}

  async renew(agreementId: string, today: string): Promise<RenewalOutcome> {
    const record = await this.deps.archive.getArchive(agreementId);
    const last = record?.copies?.at(-1);
    const first = record?.copies?.[0];
    if (!record?.renewBy || !last || !first || record.renewBy > today) return 'not-due';
    const key = renewalKey(first.key, record.copies?.length ?? 1);
    const copy = await this.renewed(key, last);
    const renewBy = renewalDay(copy.timestampValidUntil, this.deps.renewalMarginDays);
    try {
      await recordChange(this.deps, {
        load: async () => {
          const agreement = await this.deps.agreements.get(agreementId);
          if (!agreement) throw new ConflictError(`The archived agreement ${agreementId} has no head`);
          return agreement;
        },
        decide: async (current) => ({
          after: current,
          event: {
            actor: SCHEDULE,
            action: 'renew-archive-timestamp',
            documentSha256: copy.sha256,
            attachment: { key: copy.key, sha256: copy.sha256, name: copy.key.split('/').at(-1) as string },
            comment: `Cap waktu arsip diperbarui hingga / archive timestamp renewed until ${copy.timestampValidUntil.slice(0, 10)}`,
          },
          items: [{ kind: 'archive-renewal', copy, renews: last.sha256, renewBy }],
          result: undefined,
        }),
        // The record moved on (another run renewed it): nothing is left to do.
        attempts: 1,
        lost: async (race) => race,
      });
    } catch (error) {
      if (error instanceof RaceLostError) return 'duplicate';
      throw error;
    }
    return 'renewed';
  }

  /**
   * The renewed copy under its key: the one an earlier run stored before its change failed, or the
   * latest copy sealed again now.
   */
  private async renewed(key: string, last: ArchivedCopy): Promise<ArchivedCopy> {
    const kept = await this.deps.copies.kept(key);
    if (kept) return archivedCopy(key, kept.bytes, kept.timestamp);
    const previous = await this.deps.copies.kept(last.key);
    if (!previous) throw new ConflictError(`The archived copy ${last.key} is missing`);
    // Only the copy the record vouches for is sealed again: never bytes changed since.
    if (sha256(previous.bytes) !== last.sha256) {
      throw new ConflictError(`The archived copy ${last.key} no longer has the SHA-256 its record names`);
    }
    const sealed = await sealForArchive(previous.bytes, this.deps.seal);
    if (Date.parse(sealed.timestampValidUntil) <= Date.parse(last.timestampValidUntil)) {
      throw new ConflictError(
        `The timestamp authority still signs with a certificate that expires on ${sealed.timestampValidUntil.slice(0, 10)}, no later than the last timestamp's: renewing would not extend the proof`,
      );
    }
    const { bytes, ...timestamp } = sealed;
    const stored = await this.deps.copies.keep(key, bytes, timestamp);
    return archivedCopy(key, stored.bytes, stored.timestamp);
  }
}
