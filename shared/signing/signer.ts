import type { Signer } from '@libpdf/core';
import type { Identity } from '../identity/identity.js';

export type { Signer };

/** DER bytes of a PEM certificate. */
export const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

/**
 * Where signing keys live: a local certificate authority on the embedded stack, AWS KMS in the cloud.
 * Either way the private key never reaches the domain code; it receives a Signer that signs bytes.
 */
export interface SigningKeys {
  signerFor(user: Identity): Promise<Signer>;
}
