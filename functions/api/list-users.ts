import { listUsers } from '../../shared/admin/users.js';
import { authenticated, json } from '../http.js';
import { regionId } from '../wiring/admin.js';
import { users } from '../wiring/identity.js';

/** GET /api/admin/users: the region's users by name, a page at a time, searched and filtered. */
export const handler = authenticated(async (event, user) =>
  json(200, await listUsers(users(), user, regionId(), event.queryStringParameters ?? {})),
);
