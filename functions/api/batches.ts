import { authenticated, json, pathId } from '../http.js';
import { batches } from '../wiring/batches.js';

/**
 * POST /api/batches: a presigned POST for a batch workbook, and the batch's id.
 * GET /api/batches/{id}: its progress and, once done, the result workbook's link.
 */
export const handler = authenticated(async (event, user) =>
  event.requestContext.http.method === 'POST'
    ? json(201, await batches().requestUpload(user))
    : json(200, await batches().get(pathId(event), user)),
);
