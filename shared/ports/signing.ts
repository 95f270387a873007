import type { Signer } from '@libpdf/core';
import type { Identity } from '../identity/identity.js';

export type { Signer };

/**
 * Where signing keys live: a local certificate authority on the embedded stack, AWS KMS in the cloud.
 * Either way the private key never reaches the domain code; it receives a Signer that signs bytes.
 */
export interface SigningKeys {
  signerFor(user: Identity): Promise<Signer>;
}

/** The roots whose certificates are trusted when the signatures in a file are checked (PEM). */
export type TrustedRoots = () => Promise<string[]>;
