import { authenticated, json, jsonBody } from '../http.js';
import { evaluationService } from './evaluation-context.js';
import { pathId } from './request.js';

/** POST /api/agreements/{id}/activities/{reportId}/review with { decision: accept | return, comment? } */
export const handler = authenticated(async (event, user) =>
  json(
    200,
    await evaluationService().review(
      pathId(event),
      event.pathParameters?.reportId ?? '',
      user,
      jsonBody(event),
    ),
  ),
);
