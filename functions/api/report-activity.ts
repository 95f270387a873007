import { authenticated, json, jsonBody } from '../http.js';
import { evaluationService } from './evaluation-context.js';
import { pathId } from './request.js';

/** POST /api/agreements/{id}/activities: the OPD's activity report; returns upload links for its attachments. */
export const handler = authenticated(async (event, user) =>
  json(201, await evaluationService().report(pathId(event), user, jsonBody(event))),
);
