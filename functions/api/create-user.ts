import { createUser } from '../../shared/admin/users.js';
import { authenticated, json, jsonBody } from '../http.js';
import { regionId } from '../wiring/admin.js';
import { userAdminDeps } from '../wiring/users.js';

/** POST /api/admin/users: invites a user (in the cloud, Cognito emails a temporary password). */
export const handler = authenticated(async (event, user) =>
  json(201, await createUser(userAdminDeps(), user, regionId(), jsonBody(event))),
);
