import { binary, http, json, pathId } from '../http.js';
import { verification } from '../wiring/archive.js';

/**
 * GET /api/verify/{id} (public): the archived agreement a QR code points to with its copy checked
 * now, or a kept verification report; GET /api/verify/{id}/report.pdf: the same as a bilingual PDF.
 */
export const handler = http(async (event) => {
  const id = pathId(event);
  return event.routeKey === 'GET /api/verify/{id}/report.pdf'
    ? binary(await verification().reportPdf(id), 'application/pdf', `verification-${id}.pdf`)
    : json(200, await verification().ofId(id));
});
