import { listReports } from '../../shared/evaluation/reports.js';
import { authenticated, json } from '../http.js';
import { cloudAdapters } from './context.js';
import { evaluationStore } from './evaluation-context.js';

/** GET /api/reports?cursor=&limit=: generated periodic reports, newest period first, with download links. */
export const handler = authenticated(async (event, user) =>
  json(
    200,
    await listReports(
      { evaluation: evaluationStore(), files: cloudAdapters().files },
      user,
      event.queryStringParameters ?? {},
    ),
  ),
);
