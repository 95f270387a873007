import type { DigestAlgorithm } from '@libpdf/core';

export type { DigestAlgorithm };

/**
 * Trusted time (RFC 3161): a DER TimeStampToken over a digest. On the embedded stack the stack's own
 * TSA answers; in the cloud, the configured TSAs. An adapter that cannot obtain a checked token
 * throws UnavailableError naming why: a signature is never dated by the signer's own clock instead.
 */
export interface TimestampAuthority {
  timestamp(digest: Uint8Array, algorithm: DigestAlgorithm): Promise<Uint8Array>;
}
