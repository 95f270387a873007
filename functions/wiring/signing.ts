import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { KmsSigningKeys } from '../../shared/adapters/aws/kms-signing-keys.js';
import { httpRevocationFetcher } from '../../shared/adapters/http-revocation.js';
import type { Identity } from '../../shared/identity/identity.js';
import type { SigningTransport } from '../../shared/ports/signing.js';
import { SigningService } from '../../shared/signing/service.js';
import { table } from './adapters.js';
import { regionId } from './admin.js';
import { users } from './identity.js';
import { signingTransportName } from './signing-settings.js';
import { trustedRoots } from './trust.js';
import { timestampAuthorities } from './trusted-time.js';
import { transitionDeps } from './workflow.js';

/** How long a remote signing service may take to answer one call, unless REMOTE_SIGNING_TIMEOUT_MS says. */
const REMOTE_TIMEOUT_MS = 20_000;

/** The NIK an admin set for the user: who they are at BSrE, and their user id at a CSC service. */
const nikOf = async (user: Identity) => (await users().get(regionId(), user.sub))?.nik;

/**
 * A remote service's URL and client credentials: `<PREFIX>_URL`, `_CLIENT_ID`, and the secret from the
 * Secrets Manager secret `_CLIENT_SECRET_ARN` names (the cloud) or `_CLIENT_SECRET` itself (the
 * embedded stack's simulator).
 */
async function remoteSettings(prefix: 'BSRE' | 'CSC') {
  const timeoutMs = Number(process.env.REMOTE_SIGNING_TIMEOUT_MS);
  const secretArn = process.env[`${prefix}_CLIENT_SECRET_ARN`];
  return {
    url: requireEnv(`${prefix}_URL`),
    clientId: requireEnv(`${prefix}_CLIENT_ID`),
    clientSecret: secretArn
      ? await (await import('../../shared/adapters/aws/secret-value.js')).secretValue(secretArn)
      : requireEnv(`${prefix}_CLIENT_SECRET`),
    timeoutMs: Number.isInteger(timeoutMs) && timeoutMs > 0 ? timeoutMs : REMOTE_TIMEOUT_MS,
  };
}

/**
 * The signing transport, picked by SIGNING_TRANSPORT (signing-settings.ts): the local certificate
 * authority (the embedded stack's folder, LOCAL_CA_DIR), AWS KMS, BSrE's signing API or a CSC API v2
 * service (their settings: remoteSettings). Adapters are imported only when picked: Lambda bundles
 * leave the local CA (and node-forge) out.
 */
async function makeTransport(): Promise<SigningTransport> {
  switch (signingTransportName()) {
    case 'local': {
      const { LocalSigningKeys } = await import('../../shared/adapters/local/local-signing-keys.js');
      const keys = new LocalSigningKeys(requireEnv('LOCAL_CA_DIR'), process.env.PUBLIC_BASE_URL);
      return { kind: 'hash', keys, passphrase: false };
    }
    case 'kms':
      return { kind: 'hash', keys: new KmsSigningKeys(table()), passphrase: false };
    case 'bsre': {
      const { BsreDocumentSigner } = await import('../../shared/adapters/remote/bsre-document-signer.js');
      const signer = new BsreDocumentSigner({ ...(await remoteSettings('BSRE')), nikOf });
      return { kind: 'document', signer, passphrase: true, trustedRoots };
    }
    case 'csc': {
      const { CscSigningKeys } = await import('../../shared/adapters/remote/csc-signing-keys.js');
      const keys = new CscSigningKeys({ ...(await remoteSettings('CSC')), userIdOf: nikOf });
      return { kind: 'hash', keys, passphrase: true };
    }
  }
}

let transport: Promise<SigningTransport> | undefined;

/** Made once per container; a failure (Secrets Manager unreachable) is not kept, so the next request tries again. */
function signingTransport(): Promise<SigningTransport> {
  transport ??= makeTransport();
  transport.catch(() => {
    transport = undefined;
  });
  return transport;
}

export const signingService = async () =>
  new SigningService({
    ...transitionDeps(),
    transport: await signingTransport(),
    timestamps: timestampAuthorities(),
    revocation: httpRevocationFetcher,
    publicBaseUrl: requireEnv('PUBLIC_BASE_URL'),
  });
