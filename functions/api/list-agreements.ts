import { authenticated, json } from '../http.js';
import { agreementQueries } from '../wiring/drafting.js';

/** GET /api/agreements?status=&documentType=&category=&unit=&cursor=&limit= */
export const handler = authenticated(async (event, user) =>
  json(200, await agreementQueries().list(event.queryStringParameters ?? {}, user)),
);
