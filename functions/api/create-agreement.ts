import { authenticated, idempotencyKey, json, jsonBody } from '../http.js';
import { agreementQueries, drafting } from '../wiring/drafting.js';

/** POST /api/agreements: the form → a stored draft, version 1, with download links. */
export const handler = authenticated(async (event, user) => {
  const agreement = await drafting().create(jsonBody(event), user, idempotencyKey(event));
  const view = await agreementQueries().get(agreement.id, user);
  return json(
    201,
    { id: view.id, version: view.currentVersion, status: view.status, links: view.links, agreement: view },
    { location: `/api/agreements/${view.id}` },
  );
});
