import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { KmsSigningKeys } from '../../shared/adapters/aws/kms-signing-keys.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { systemClock } from '../../shared/ports.js';
import { SigningService } from '../../shared/signing/service.js';
import type { SigningKeys } from '../../shared/signing/signer.js';
import { authenticated, json, jsonBody } from '../http.js';
import { cloudAdapters } from './context.js';
import { pathId } from './request.js';

let keys: Promise<SigningKeys> | undefined;

/**
 * KMS keys in the cloud; the local certificate authority when the embedded stack names its folder.
 * The local adapter is imported only there: Lambda bundles leave it (and node-forge) out.
 */
function signingKeys(): Promise<SigningKeys> {
  const localCa = process.env.LOCAL_CA_DIR;
  keys ??= localCa
    ? import('../../shared/adapters/local/local-signing-keys.js').then((m) => new m.LocalSigningKeys(localCa))
    : Promise.resolve(new KmsSigningKeys(requireEnv('TABLE_NAME')));
  return keys;
}

/**
 * POST /api/agreements/{id}/sign with { version }: the signer's PAdES signature on the agreement,
 * and a five-minute link to the signed PDF.
 */
export const handler = authenticated(async (event, user) => {
  const service = new SigningService(
    { ...cloudAdapters(), clock: systemClock },
    { keys: await signingKeys(), publicBaseUrl: requireEnv('PUBLIC_BASE_URL') },
  );
  const { agreement, event: audit } = await service.sign(pathId(event), user, jsonBody(event));
  const signed = await new AgreementQueries(cloudAdapters()).signedLink(agreement);
  return json(200, {
    id: agreement.id,
    status: agreement.status,
    workflow: agreement.workflow,
    signedDocument: agreement.signedDocument,
    links: { signed },
    event: audit,
  });
});
