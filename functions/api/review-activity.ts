import { authenticated, json, jsonBody, pathId } from '../http.js';
import { activityReporting } from '../wiring/evaluation.js';

/** POST /api/agreements/{id}/activities/{reportId}/review with { decision: accept | return, comment? } */
export const handler = authenticated(async (event, user) =>
  json(
    200,
    await activityReporting().review(
      pathId(event),
      event.pathParameters?.reportId ?? '',
      user,
      jsonBody(event),
    ),
  ),
);
