import { authenticated, json, jsonBody, pathId } from '../http.js';
import { delegationAdmin } from '../wiring/delegations.js';

/** POST /api/admin/delegations/{id}/end with { reason }: the delegation ends from today. */
export const handler = authenticated(async (event, user) =>
  json(200, await delegationAdmin().end(user, pathId(event), jsonBody(event))),
);
