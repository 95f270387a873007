import { authenticated, json, jsonBody } from '../http.js';
import { evaluationService } from './evaluation-context.js';
import { pathId } from './request.js';

/** POST /api/agreements/{id}/terminate with { on, reason }: the Biro records an early end. */
export const handler = authenticated(async (event, user) => {
  const agreement = await evaluationService().terminate(pathId(event), user, jsonBody(event));
  return json(200, { id: agreement.id, status: agreement.status, lifecycle: agreement.lifecycle });
});
