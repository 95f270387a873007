import { Drafting } from '../../shared/agreement/drafting.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import { systemClock } from '../../shared/ports.js';
import { authenticated, json, jsonBody } from '../http.js';
import { cloudAdapters } from './context.js';
import { pathId } from './request.js';

/** POST /api/agreements/{id}/versions: the edited form → a new version; earlier versions stay. */
export const handler = authenticated(async (event, user) => {
  const id = pathId(event);
  const form = parseAgreementForm(jsonBody(event));
  const adapters = cloudAdapters();
  await new Drafting({ ...adapters, clock: systemClock }).revise(id, form, user);
  const view = await new AgreementQueries(adapters).get(id, user);
  return json(201, {
    id,
    version: view.currentVersion,
    status: view.status,
    links: view.links,
    agreement: view,
  });
});
