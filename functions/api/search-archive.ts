import { authenticated, json } from '../http.js';
import { archiveService } from '../wiring/archive.js';

/** GET /api/archive?q=&country=&documentType=&category=&field=&unit=&status=&signedFrom=&signedTo=&validUntilFrom=&validUntilTo=&order=&cursor= */
export const handler = authenticated(async (event, user) =>
  json(200, await archiveService().search(event.queryStringParameters ?? {}, user)),
);
