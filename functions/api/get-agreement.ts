import { authenticated, json, pathId } from '../http.js';
import { agreementQueries } from '../wiring/drafting.js';

/** GET /api/agreements/{id}: the agreement, its current form, versions and short-lived links. */
export const handler = authenticated(async (event, user) =>
  json(200, await agreementQueries().get(pathId(event), user)),
);
