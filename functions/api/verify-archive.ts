import { http, json } from '../http.js';
import { archiveService } from './archive-context.js';
import { pathId } from './request.js';

/** GET /api/verify/{id} (public): the archived agreement a QR code points to, with its file hash. */
export const handler = http(async (event) => json(200, await archiveService().publicView(pathId(event))));
