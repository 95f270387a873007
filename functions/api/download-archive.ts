import { authenticated, json } from '../http.js';
import { archiveService } from './archive-context.js';
import { pathId } from './request.js';

/** POST /api/archive/{id}/download: a five-minute link to the signed PDF; the download is audited. */
export const handler = authenticated(async (event, user) =>
  json(200, await archiveService().download(pathId(event), user)),
);
