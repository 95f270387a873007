import { authenticated, json } from '../http.js';
import { evaluationService } from './evaluation-context.js';
import { pathId } from './request.js';

/** GET /api/agreements/{id}/activities?cursor=&limit=: activity reports, attachments as short-lived links. */
export const handler = authenticated(async (event, user) =>
  json(200, await evaluationService().activities(pathId(event), user, event.queryStringParameters ?? {})),
);
