import { authenticated, json, jsonBody, pathId } from '../http.js';
import { agreementQueries } from '../wiring/drafting.js';
import { signingService } from '../wiring/signing.js';

/**
 * POST /api/agreements/{id}/sign with { version }: the signer's PAdES signature on the agreement,
 * and a five-minute link to the signed PDF.
 */
export const handler = authenticated(async (event, user) => {
  const service = await signingService();
  const { agreement, event: audit } = await service.sign(pathId(event), user, jsonBody(event));
  const signed = await agreementQueries().signedLink(agreement);
  return json(200, {
    id: agreement.id,
    status: agreement.status,
    workflow: agreement.workflow,
    signedDocument: agreement.signedDocument,
    links: { signed },
    event: audit,
  });
});
