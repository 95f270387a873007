import { authenticated, json } from '../http.js';
import { evaluationService } from './evaluation-context.js';
import { pathId } from './request.js';

/** GET /api/agreements/{id}/activities: the agreement's activity reports, attachments as short-lived links. */
export const handler = authenticated(async (event, user) =>
  json(200, { items: await evaluationService().activities(pathId(event), user) }),
);
