import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { KmsSigningKeys } from '../../shared/adapters/aws/kms-signing-keys.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import { HttpTimestampAuthorities } from '../../shared/adapters/tsa/http-timestamp-authorities.js';
import type { SigningKeys } from '../../shared/ports/signing.js';
import type { TimestampAuthority } from '../../shared/ports/timestamps.js';
import { SigningService } from '../../shared/signing/service.js';
import { once, table } from './adapters.js';
import { transitionDeps } from './workflow.js';

/**
 * The signing transport, picked by configuration: the local certificate authority when the embedded
 * stack names its folder (LOCAL_CA_DIR), AWS KMS otherwise. The local adapter is imported only
 * then: Lambda bundles leave it (and node-forge) out.
 */
const signingKeys = /* @__PURE__ */ once((): Promise<SigningKeys> => {
  const localCa = process.env.LOCAL_CA_DIR;
  return localCa
    ? import('../../shared/adapters/local/local-signing-keys.js').then(
        (m) => new m.LocalSigningKeys(localCa, process.env.PUBLIC_BASE_URL),
      )
    : Promise.resolve(new KmsSigningKeys(table()));
});

/** How long one TSA may take before the next is asked, unless TSA_TIMEOUT_MS says otherwise. */
const TSA_TIMEOUT_MS = 5000;

/**
 * Trusted time: the RFC 3161 TSAs named in TSA_URLS (comma-separated, asked in order), each given
 * TSA_TIMEOUT_MS. The embedded stack names its own TSA, the cloud stage its configured ones. Read at
 * each signing, so that a changed setting holds from the next request.
 */
function timestampAuthorities(): TimestampAuthority {
  const urls = requireEnv('TSA_URLS')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  const timeoutMs = Number(process.env.TSA_TIMEOUT_MS);
  return new HttpTimestampAuthorities(urls, {
    timeoutMs: Number.isInteger(timeoutMs) && timeoutMs > 0 ? timeoutMs : TSA_TIMEOUT_MS,
  });
}

export const signingService = async () =>
  new SigningService({
    ...transitionDeps(),
    keys: await signingKeys(),
    timestamps: timestampAuthorities(),
    revocation: httpRevocationFetcher,
    publicBaseUrl: requireEnv('PUBLIC_BASE_URL'),
  });
