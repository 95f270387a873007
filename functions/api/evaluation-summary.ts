import { authenticated, json } from '../http.js';
import { evaluationService } from '../wiring/evaluation.js';

/** GET /api/evaluation/summary: counts by status, type, category, country, field, OPD and year. */
export const handler = authenticated(async (_event, user) =>
  json(200, await evaluationService().summary(user)),
);
