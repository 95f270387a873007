import { authenticated, json, jsonBody } from '../http.js';
import { registerFormats } from '../wiring/register.js';

/** GET /api/admin/register-formats, PUT /api/admin/register-formats/{documentType}: admins only. */
export const handler = authenticated(async (event, user) => {
  const formats = registerFormats();
  if (event.requestContext.http.method === 'PUT')
    return json(200, await formats.put(event.pathParameters ?? {}, jsonBody(event), user));
  return json(200, await formats.list(user));
});
