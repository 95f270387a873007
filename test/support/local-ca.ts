import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalCertificateAuthority } from '../../shared/adapters/local/certificate-authority.js';
import { LocalSigningKeys } from '../../shared/adapters/local/local-signing-keys.js';

/** Each test CA by the path prefix its certificates name for their CRL and OCSP responder. */
const authorities = new Map<string, LocalCertificateAuthority>();

/**
 * The test CAs' revocation services over HTTP, as the embedded stack serves its CA's: what signing
 * asks before it signs and embeds (B-LT), what verification may ask, and what pdfsig (NSS) asks.
 */
const server = createServer(async (req, res) => {
  const match = /^\/(ca-\d+)\/api\/ca\/(crl|ocsp)(?:\/(.+))?$/.exec(req.url ?? '');
  const authority = match && authorities.get(match[1] as string);
  if (!match || !authority) return res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = match[3] ? Buffer.from(decodeURIComponent(match[3]), 'base64') : Buffer.concat(chunks);
  const [type, body] =
    match[2] === 'crl'
      ? ['application/pkix-crl', await authority.revocation.crl()]
      : ['application/ocsp-response', await authority.revocation.ocsp(request)];
  res.writeHead(200, { 'content-type': type }).end(Buffer.from(body));
});
server.listen(0, '127.0.0.1').unref();

/** Where a CA's services are, once the server listens (certificates are issued in tests, after that). */
const urlOf = (name: string) => () => {
  const address = server.address() as AddressInfo | null;
  return address ? `http://127.0.0.1:${address.port}/${name}` : undefined;
};

const next = () => `ca-${authorities.size + 1}`;

/** A local CA in `dir` whose certificates name its revocation services. */
export function localSigningKeys(dir: string): LocalSigningKeys {
  const name = next();
  const keys = new LocalSigningKeys(dir, urlOf(name));
  authorities.set(name, keys.authority);
  return keys;
}

export function localAuthority(dir: string): LocalCertificateAuthority {
  const name = next();
  const authority = new LocalCertificateAuthority(dir, urlOf(name));
  authorities.set(name, authority);
  return authority;
}
