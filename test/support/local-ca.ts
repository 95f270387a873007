import { LocalCertificateAuthority } from '../../shared/adapters/local/certificate-authority.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';
import type { RevocationFetcher } from '../../shared/ports/revocation.js';

/** Each test CA by the URL its certificates name for their CRL and OCSP responder. */
const authorities = new Map<string, LocalCertificateAuthority>();

const register = <T extends { authority: LocalCertificateAuthority }>(url: string, made: T): T => {
  authorities.set(url, made.authority);
  return made;
};

/** A local CA in `dir` whose certificates name revocation services on a host of their own. */
export function localSigningKeys(dir: string): LocalSigningKeys {
  const url = `http://ca-${authorities.size + 1}.test`;
  return register(url, new LocalSigningKeys(dir, url));
}

export function localAuthority(dir: string): LocalCertificateAuthority {
  const url = `http://ca-${authorities.size + 1}.test`;
  return register(url, { authority: new LocalCertificateAuthority(dir, url) }).authority;
}

const at = (url: string, path: string) => {
  const { origin, pathname } = new URL(url);
  return pathname === path ? authorities.get(origin) : undefined;
};

/**
 * The test CAs' revocation services answered in process, as the embedded stack serves its CA's over
 * HTTP: what signing asks before it signs and embeds (B-LT), and what verification may ask.
 */
export const inProcessRevocation: RevocationFetcher = {
  ocsp: async (url, request) => at(url, '/api/ca/ocsp')?.revocation.ocsp(request),
  crl: async (url) => at(url, '/api/ca/crl')?.revocation.crl(),
};
