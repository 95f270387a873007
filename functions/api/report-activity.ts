import { authenticated, json, jsonBody, pathId } from '../http.js';
import { activityReporting } from '../wiring/evaluation.js';

/** POST /api/agreements/{id}/activities: the OPD's activity report; returns upload links for its attachments. */
export const handler = authenticated(async (event, user) =>
  json(201, await activityReporting().report(pathId(event), user, jsonBody(event))),
);
