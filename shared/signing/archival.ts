import { PDF } from '@libpdf/core';
import { UnavailableError } from '../errors.js';
import { say } from '../form/messages.js';
import type { RevocationFetcher } from '../ports/revocation.js';
import type { TimestampAuthority } from '../ports/timestamps.js';
import { revocationProvider } from './revocation.js';
import { DIGEST_OIDS, readTimestampToken } from './timestamp-token.js';

/** A copy the archive made of a signed PDF: the PDF with validation data and a document timestamp. */
export interface SealedCopy {
  bytes: Uint8Array;
  /** The document timestamp's time (ISO). */
  timestampedAt: string;
  /** When the timestamp authority's certificate expires: the timestamp must be renewed before then. */
  timestampValidUntil: string;
}

export interface SealDeps {
  timestamps: TimestampAuthority;
  revocation: RevocationFetcher;
}

/**
 * Seals a signed PDF for the archive (PAdES B-LTA): one incremental update adds to the document
 * security store the chains and revocation data of every signature and time-stamp in it, then a
 * document timestamp over all of it, then that timestamp's own chain and revocation data. Nothing
 * before is rewritten, so every signature stays valid; sealing a sealed copy again (before its last
 * timestamp's certificate expires) is how the archive renews its proof. Revocation data that cannot
 * be found for a partner's foreign certificate does not stop the archive: the report then says which
 * level each signature reached. Without a timestamp there is no seal: the authority's failure is thrown.
 */
export async function sealForArchive(bytes: Uint8Array, deps: SealDeps): Promise<SealedCopy> {
  let token: Uint8Array | undefined;
  let digest: Uint8Array | undefined;
  const pdf = await PDF.load(bytes);
  const { bytes: sealed } = await pdf.addArchivalData({
    timestampAuthority: {
      async timestamp(hash, algorithm) {
        digest = hash;
        token = await deps.timestamps.timestamp(hash, algorithm);
        return token;
      },
    },
    revocationProvider: revocationProvider(deps.revocation),
    // The TSA's token with its certificate chain (public TSAs send theirs).
    estimatedSize: 16 * 1024,
  });
  const read =
    token && digest
      ? await readTimestampToken(token, { digest, algorithmOid: DIGEST_OIDS['SHA-256'] })
      : undefined;
  const validUntil = read?.certificate?.notAfter.value;
  if (!read?.imprintMatches || !validUntil) {
    throw new UnavailableError('timestamp authority', {
      text: say(
        'Otoritas cap waktu tidak memberikan cap waktu yang dapat diperiksa',
        'The timestamp authority gave no token that can be checked (its certificate is missing or the digest differs)',
      ),
    });
  }
  return {
    bytes: sealed,
    timestampedAt: read.genTime.toISOString(),
    timestampValidUntil: validUntil.toISOString(),
  };
}
