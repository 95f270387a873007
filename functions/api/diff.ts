import { authenticated, json, pathId } from '../http.js';
import { diff } from '../wiring/workflow.js';

/** GET /api/agreements/{id}/diff?from=&to=: article-by-article differences between two versions. */
export const handler = authenticated(async (event, user) =>
  json(200, await diff(pathId(event), user, event.queryStringParameters ?? {})),
);
