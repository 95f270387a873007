import { AgreementQueries } from '../../shared/agreement/queries.js';
import { authenticated, json } from '../http.js';
import { cloudAdapters } from './context.js';
import { pathId } from './request.js';

/** GET /api/agreements/{id}: the agreement, its current form, versions and short-lived links. */
export const handler = authenticated(async (event, user) =>
  json(200, await new AgreementQueries(cloudAdapters()).get(pathId(event), user)),
);
