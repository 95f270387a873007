import { authenticated, json, jsonBody } from '../http.js';
import { delegationAdmin } from '../wiring/delegations.js';

/** GET /api/admin/delegations?activeOn=, POST /api/admin/delegations: who acts for an office, when. */
export const handler = authenticated(async (event, user) => {
  const admin = delegationAdmin();
  if (event.requestContext.http.method === 'POST')
    return json(201, await admin.create(user, jsonBody(event)));
  return json(200, await admin.list(user, event.queryStringParameters ?? {}));
});
