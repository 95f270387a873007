import { parseAgreementForm } from '../form/agreement-form.js';
import type { TemplateCatalog } from '../ports/templates.js';
import { renderPreview } from './render.js';

/** The form (a request body) → its PDF with the template in force, marked as a preview, never stored. */
export async function previewPdf(templates: TemplateCatalog, body: unknown) {
  const form = parseAgreementForm(body);
  const pdf = await renderPreview(form, await templates.active(form.documentType), {
    documentNumber: 'PRATINJAU / PREVIEW',
  });
  return { pdf, filename: `preview-${form.documentType.toLowerCase()}.pdf` };
}
