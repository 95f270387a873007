import { createPrivateKey, sign } from 'node:crypto';
import type { Identity } from '../../identity/identity.js';
import { ROLE_NAMES } from '../../identity/identity.js';
import type { Signer, SigningKeys } from '../../ports/signing.js';
import { pemToDer } from '../../signing/pem.js';
import { type Credential, LocalCertificateAuthority } from './certificate-authority.js';

/** Bundled apart from Lambda's code (infra/bundling.ts): what the embedded stack's wiring reads of its CA. */
export { existingRoot } from './certificate-authority.js';

/** A Signer over a PEM key pair, signing with Node's crypto (RSA PKCS#1 v1.5, SHA-256). */
export function credentialSigner(credential: Credential, chainPem: string[]): Signer {
  const key = createPrivateKey(credential.privateKeyPem);
  return {
    certificate: pemToDer(credential.certificatePem),
    certificateChain: chainPem.map(pemToDer),
    keyType: 'RSA',
    signatureAlgorithm: 'RSASSA-PKCS1-v1_5',
    async sign(data, algorithm) {
      return new Uint8Array(sign(algorithm.replace('-', '').toLowerCase(), data, key));
    },
  };
}

/** The embedded stack's keys: each demo signer's certificate issued by the local CA on first use. */
export class LocalSigningKeys implements SigningKeys {
  private readonly ca: LocalCertificateAuthority;

  /** `publicUrl`: the embedded stack's, where its CRL and OCSP responder are served. */
  constructor(dir: string, publicUrl?: string | (() => string | undefined)) {
    this.ca = new LocalCertificateAuthority(dir, publicUrl);
  }

  get authority(): LocalCertificateAuthority {
    return this.ca;
  }

  get rootCertificatePem(): string {
    return this.ca.rootCertificatePem;
  }

  async signerFor(user: Identity): Promise<Signer> {
    const credential = this.ca.credential({
      id: user.sub,
      name: user.name,
      email: user.email,
      title: ROLE_NAMES[user.role].id,
    });
    return credentialSigner(credential, [this.ca.rootCertificatePem]);
  }
}
