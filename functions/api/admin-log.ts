import { readAdminLog } from '../../shared/admin/read-admin-log.js';
import { authenticated, json } from '../http.js';
import { adminLog, regionId } from '../wiring/admin.js';

/** GET /api/admin/log: the administration log, newest first, and whether its chain is intact. */
export const handler = authenticated(async (event, user) =>
  json(200, await readAdminLog(adminLog(), user, regionId(), event.queryStringParameters ?? {})),
);
