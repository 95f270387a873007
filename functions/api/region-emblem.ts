import { authenticated, json, jsonBody } from '../http.js';
import { regionAdmin } from '../wiring/region.js';

/**
 * POST /api/region/emblem: an upload form for the emblem. PUT /api/region/emblem `{ key }`: the
 * uploaded file, parsed and accepted as the region's emblem (or a 400 saying why not).
 */
export const handler = authenticated(async (event, user) => {
  const region = regionAdmin();
  if (event.requestContext.http.method === 'PUT') {
    return json(200, await region.acceptEmblem(user, jsonBody(event)));
  }
  return json(201, await region.emblemUpload(user, jsonBody(event)));
});
