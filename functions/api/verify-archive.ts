import { http, json, pathId } from '../http.js';
import { archivedRecord } from '../wiring/archive.js';

/** GET /api/verify/{id} (public): the archived agreement a QR code points to, with its file hash. */
export const handler = http(async (event) => json(200, await archivedRecord(pathId(event))));
