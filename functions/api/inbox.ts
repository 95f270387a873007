import { authenticated, json } from '../http.js';
import { workflowService } from './context.js';

/** GET /api/inbox: what waits for the user's role (and unit), newest first, overdue flagged. */
export const handler = authenticated(async (event, user) =>
  json(200, await workflowService().inbox(user, event.queryStringParameters ?? {})),
);
