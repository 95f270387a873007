import { authenticated, json, pathId } from '../http.js';
import { archiveService } from '../wiring/archive.js';

/** GET /api/archive/{id}: the archive record with the agreements before and after it in the chain. */
export const handler = authenticated(async (event, user) =>
  json(200, await archiveService().get(pathId(event), user)),
);
