import type { Signer } from '@libpdf/core';
import type { Identity } from '../identity/identity.js';

export type { Signer };

/** What the signer types at signing time, for keys that a remote service unlocks with it. Never stored. */
export interface SignerOptions {
  passphrase?: string;
}

/**
 * Where signing keys live: a local certificate authority on the embedded stack, AWS KMS in the cloud,
 * or a remote service that signs a hash (Cloud Signature Consortium API). Either way the private key
 * never reaches the domain code; it receives a Signer that signs bytes.
 */
export interface SigningKeys {
  signerFor(user: Identity, options?: SignerOptions): Promise<Signer>;
}

export interface DocumentSignRequest {
  user: Identity;
  passphrase: string;
  reason: string;
  location: string;
}

/**
 * A remote service that takes the whole PDF and returns it signed (BSrE's signing API): the document
 * leaves us, and what comes back is checked before it is kept.
 */
export interface DocumentSigner {
  signDocument(pdf: Uint8Array, request: DocumentSignRequest): Promise<Uint8Array>;
}

/**
 * How a signature is made: a Signer over the hash (local CA, KMS, CSC) that our PAdES code embeds, or
 * a service that signs the document itself. `passphrase`: the signer types one at signing time.
 */
export type SigningTransport =
  | { kind: 'hash'; keys: SigningKeys; passphrase: boolean }
  | { kind: 'document'; signer: DocumentSigner; passphrase: true; trustedRoots: TrustedRoots };

/** The roots whose certificates are trusted when the signatures in a file are checked (PEM). */
export type TrustedRoots = () => Promise<string[]>;
