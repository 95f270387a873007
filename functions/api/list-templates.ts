import { authenticated, json } from '../http.js';
import { templateLibrary } from '../wiring/templates.js';

/** GET /api/templates: the version in force of each document type, and the candidates newest first. */
export const handler = authenticated(async (event, user) =>
  json(200, await templateLibrary().list(user, event.queryStringParameters ?? {})),
);
