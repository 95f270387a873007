import { authenticated, json, jsonBody } from '../http.js';
import { unitAdmin } from '../wiring/region.js';

/**
 * GET|POST /api/admin/units, PATCH /api/admin/units/{code}: the unit registry, for the administrator.
 * GET /api/units: the active units' codes and names, for everyone signed in.
 */
export const handler = authenticated(async (event, user) => {
  const units = unitAdmin();
  const query = event.queryStringParameters ?? {};
  const code = event.pathParameters?.code;
  switch (event.requestContext.http.method) {
    case 'POST':
      return json(201, await units.create(user, jsonBody(event)));
    case 'PATCH':
      return json(200, await units.update(user, code ?? '', jsonBody(event)));
    default:
      return json(
        200,
        event.routeKey === 'GET /api/units' ? await units.names(query) : await units.list(user, query),
      );
  }
});
