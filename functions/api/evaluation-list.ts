import { authenticated, json } from '../http.js';
import { evaluationService } from '../wiring/evaluation.js';

/** GET /api/evaluation/lists/{name}?limit=&cursor= : expiring, expired, stale LoIs and MoUs, no recent activity. */
export const handler = authenticated(async (event, user) =>
  json(
    200,
    await evaluationService().list(event.pathParameters?.name ?? '', event.queryStringParameters ?? {}, user),
  ),
);
