import { authenticated, json, pathId } from '../http.js';
import { uploadsService } from '../wiring/archive.js';

/** POST /api/agreements/{id}/uploads: a presigned POST for the signed copy, and the upload's id. */
export const handler = authenticated(async (event, user) =>
  json(201, await uploadsService().request(pathId(event), user)),
);
