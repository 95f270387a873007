import { templateJsonSchema } from '../../shared/documents/template.js';
import { authenticated, json } from '../http.js';

/** GET /api/templates/schema: the JSON Schema of template files (templates/template.schema.json). */
export const handler = authenticated(async () => json(200, templateJsonSchema()));
