import { renderPreview } from '../../shared/documents/render.js';
import { parseAgreementForm } from '../../shared/form/agreement-form.js';
import { authenticated, binary, jsonBody } from '../http.js';

/** POST /api/preview: the form → its PDF, rendered and returned, never stored. */
export const handler = authenticated(async (event) => {
  const form = parseAgreementForm(jsonBody(event));
  const pdf = await renderPreview(form, { documentNumber: 'PRATINJAU / PREVIEW' });
  return binary(pdf, 'application/pdf', `preview-${form.documentType.toLowerCase()}.pdf`);
});
