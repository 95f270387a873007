import { AgreementQueries } from '../../shared/agreement/queries.js';
import { authenticated, json } from '../http.js';
import { cloudAdapters } from './context.js';

/** GET /api/agreements?status=&documentType=&category=&unit=&cursor=&limit= */
export const handler = authenticated(async (event, user) =>
  json(200, await new AgreementQueries(cloudAdapters()).list(event.queryStringParameters ?? {}, user)),
);
