import { authenticated, json, pathId } from '../http.js';
import { activityReporting } from '../wiring/evaluation.js';

/** GET /api/agreements/{id}/activities?cursor=&limit=: activity reports, attachments as short-lived links. */
export const handler = authenticated(async (event, user) =>
  json(200, await activityReporting().activities(pathId(event), user, event.queryStringParameters ?? {})),
);
