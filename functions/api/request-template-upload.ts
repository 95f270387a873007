import { authenticated, json } from '../http.js';
import { templateLibrary } from '../wiring/templates.js';

/** POST /api/templates/uploads: a presigned POST for a template file, and its candidate's id. */
export const handler = authenticated(async (_event, user) =>
  json(201, await templateLibrary().requestUpload(user)),
);
