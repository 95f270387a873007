import { authenticated, json, jsonBody, pathId } from '../http.js';
import { termination } from '../wiring/evaluation.js';

/** POST /api/agreements/{id}/terminate with { on, reason }: the Biro records an early end. */
export const handler = authenticated(async (event, user) => {
  const agreement = await termination().terminate(pathId(event), user, jsonBody(event));
  return json(200, { id: agreement.id, status: agreement.status, lifecycle: agreement.lifecycle });
});
