import { authenticated, json, jsonBody } from '../http.js';
import { regionAdmin } from '../wiring/region.js';

/** GET|PUT /api/region: the region's profile, read by everyone signed in, set by the administrator. */
export const handler = authenticated(async (event, user) => {
  const region = regionAdmin();
  if (event.requestContext.http.method === 'PUT') return json(200, await region.put(user, jsonBody(event)));
  return json(200, await region.view());
});
