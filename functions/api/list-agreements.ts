import { AgreementQueries } from '../../shared/agreement/queries.js';
import { http, json } from '../http.js';
import { cloudAdapters } from './context.js';

/** GET /api/agreements?status=&documentType=&category=&unit=&cursor=&limit= */
export const handler = http(async (event) =>
  json(200, await new AgreementQueries(cloudAdapters()).list(event.queryStringParameters ?? {})),
);
