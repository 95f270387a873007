import { Drafting } from '../../shared/agreement/drafting.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import { systemClock } from '../../shared/ports.js';
import { authenticated, json, jsonBody } from '../http.js';
import { cloudAdapters } from './context.js';
import { idempotencyKey } from './request.js';

/** POST /api/agreements: the form → a stored draft, version 1, with download links. */
export const handler = authenticated(async (event, user) => {
  const form = parseAgreementForm(jsonBody(event));
  const adapters = cloudAdapters();
  const agreement = await new Drafting({ ...adapters, clock: systemClock }).create(
    form,
    user,
    idempotencyKey(event),
  );
  const view = await new AgreementQueries(adapters).get(agreement.id, user);
  return json(
    201,
    { id: view.id, version: view.currentVersion, status: view.status, links: view.links, agreement: view },
    { location: `/api/agreements/${view.id}` },
  );
});
