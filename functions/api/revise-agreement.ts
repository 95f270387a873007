import { authenticated, json, jsonBody, pathId } from '../http.js';
import { agreementQueries, drafting } from '../wiring/drafting.js';

/** POST /api/agreements/{id}/versions: the edited form → a new version; earlier versions stay. */
export const handler = authenticated(async (event, user) => {
  const id = pathId(event);
  await drafting().revise(id, jsonBody(event), user);
  const view = await agreementQueries().get(id, user);
  return json(201, {
    id,
    version: view.currentVersion,
    status: view.status,
    links: view.links,
    agreement: view,
  });
});
