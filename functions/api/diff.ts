import { authenticated, json } from '../http.js';
import { workflowService } from './context.js';
import { pathId } from './request.js';

/** GET /api/agreements/{id}/diff?from=&to=: article-by-article differences between two versions. */
export const handler = authenticated(async (event, user) =>
  json(200, await workflowService().diff(pathId(event), user, event.queryStringParameters ?? {})),
);
