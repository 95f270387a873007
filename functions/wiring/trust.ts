import type { TrustedRoots } from '../../shared/ports/signing.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Roots trusted when signatures are checked: the PEM bundle in TRUSTED_ROOTS_PEM (cloud), plus the
 * embedded stack's local certificate authority once it exists (it is created at the first signature).
 */
export const trustedRoots: TrustedRoots = async () => {
  const pems: string[] = process.env.TRUSTED_ROOTS_PEM?.match(PEM_CERTIFICATE) ?? [];
  const localCa = process.env.LOCAL_CA_DIR;
  if (localCa) {
    const root = (await import('../../shared/adapters/local/local-signing-keys.js')).existingRoot(localCa);
    if (root) pems.push(root);
  }
  return pems;
};
