import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { KmsSigningKeys } from '../../shared/adapters/aws/kms-signing-keys.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import type { SigningKeys } from '../../shared/ports/signing.js';
import { SigningService } from '../../shared/signing/service.js';
import { once, table } from './adapters.js';
import { timestampAuthorities } from './trusted-time.js';
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

export const signingService = async () =>
  new SigningService({
    ...transitionDeps(),
    keys: await signingKeys(),
    timestamps: timestampAuthorities(),
    revocation: httpRevocationFetcher,
    publicBaseUrl: requireEnv('PUBLIC_BASE_URL'),
  });
