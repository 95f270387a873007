import { authenticated, json, pathId } from '../http.js';
import { templateLibrary } from '../wiring/templates.js';

/** POST /api/templates/candidates/{id}/activate: the candidate becomes the next version (four eyes). */
export const handler = authenticated(async (event, user) =>
  json(200, await templateLibrary().activate(pathId(event), user)),
);
