import { authenticated, json } from '../http.js';
import { storedReports } from '../wiring/reports.js';

/** GET /api/reports?cursor=&limit=: generated periodic reports, newest period first, with download links. */
export const handler = authenticated(async (event, user) =>
  json(200, await storedReports(user, event.queryStringParameters ?? {})),
);
