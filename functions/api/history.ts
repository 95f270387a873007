import { authenticated, json, pathId } from '../http.js';
import { auditTrail } from '../wiring/audit.js';

/**
 * GET /api/agreements/{id}/history?cursor=&limit=: a page of audit events, whether the whole chain is
 * intact, and whether it still matches its latest anchor.
 */
export const handler = authenticated(async (event, user) =>
  json(200, await auditTrail().history(pathId(event), user, event.queryStringParameters ?? {})),
);
