import { updateUser } from '../../shared/admin/users.js';
import { authenticated, json, jsonBody, pathId } from '../http.js';
import { regionId } from '../wiring/admin.js';
import { userAdminDeps } from '../wiring/users.js';

/** PATCH /api/admin/users/{id}: role, unit, enabled; effective from the user's next request. */
export const handler = authenticated(async (event, user) =>
  json(200, await updateUser(userAdminDeps(), user, regionId(), pathId(event), jsonBody(event))),
);
