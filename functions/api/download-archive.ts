import { authenticated, json, pathId } from '../http.js';
import { archiveService } from '../wiring/archive.js';

/** POST /api/archive/{id}/download: a five-minute link to the signed PDF; the download is audited. */
export const handler = authenticated(async (event, user) =>
  json(200, await archiveService().download(pathId(event), user)),
);
