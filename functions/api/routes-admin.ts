import { authenticated, json, jsonBody } from '../http.js';
import { routeAdmin } from '../wiring/workflow.js';

/** GET|PUT /api/routes/{documentType}/{category}: read or change a route (changes apply to later submissions). */
export const handler = authenticated(async (event, user) => {
  const routes = routeAdmin();
  const params = event.pathParameters ?? {};
  if (event.requestContext.http.method === 'PUT')
    return json(200, await routes.put(params, jsonBody(event), user));
  return json(200, await routes.get(params, user));
});
