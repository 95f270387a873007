import { authenticated, json } from '../http.js';
import { inboxOf } from '../wiring/workflow.js';

/** GET /api/inbox: what waits for the user's role (and unit), newest first, overdue flagged. */
export const handler = authenticated(async (event, user) =>
  json(200, await inboxOf(user, event.queryStringParameters ?? {})),
);
