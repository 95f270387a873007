import { authenticated, json } from '../http.js';
import { archiveService } from './archive-context.js';
import { pathId } from './request.js';

/** GET /api/archive/{id}: the archive record with the agreements before and after it in the chain. */
export const handler = authenticated(async (event, user) =>
  json(200, await archiveService().get(pathId(event), user)),
);
