import { authenticated, binary, jsonBody } from '../http.js';
import { preview } from '../wiring/drafting.js';

/** POST /api/preview: the form → its PDF, rendered and returned, never stored. */
export const handler = authenticated(async (event) => {
  const { pdf, filename } = await preview(jsonBody(event));
  return binary(pdf, 'application/pdf', filename);
});
