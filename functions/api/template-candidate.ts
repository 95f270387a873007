import { authenticated, json, pathId } from '../http.js';
import { templateLibrary } from '../wiring/templates.js';

/** GET /api/templates/candidates/{id}: its status, validation report, clause diff and sample links. */
export const handler = authenticated(async (event, user) =>
  json(200, await templateLibrary().candidate(pathId(event), user)),
);
