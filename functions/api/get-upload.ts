import { authenticated, json, pathId } from '../http.js';
import { uploadsService } from '../wiring/archive.js';

/** GET /api/uploads/{id}: pending, accepted, or quarantined or failed with the reason. */
export const handler = authenticated(async (event, user) =>
  json(200, await uploadsService().status(pathId(event), user)),
);
