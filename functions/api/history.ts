import { authenticated, json } from '../http.js';
import { workflowService } from './context.js';
import { pathId } from './request.js';

/** GET /api/agreements/{id}/history: the audit events and whether their hash chain is intact. */
export const handler = authenticated(async (event, user) =>
  json(200, await workflowService().history(pathId(event), user)),
);
