import { authenticated, json, jsonBody } from '../http.js';
import { workflowService } from './context.js';

/** GET|PUT /api/routes/{documentType}/{category}: read or change a route (changes apply to later submissions). */
export const handler = authenticated(async (event, user) => {
  const service = workflowService();
  const params = event.pathParameters ?? {};
  if (event.requestContext.http.method === 'PUT')
    return json(200, await service.putRoute(params, jsonBody(event), user));
  return json(200, await service.getRoute(params, user));
});
