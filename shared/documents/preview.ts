import { completeForm, type FormCompletionDeps, regionEmblemContext } from '../agreement/first-party.js';
import type { FileStore } from '../ports/files.js';
import type { TemplateCatalog } from '../ports/templates.js';
import { checkNegotiated } from './negotiation.js';
import { renderPreview } from './render.js';

export interface PreviewDeps {
  templates: TemplateCatalog;
  region: FormCompletionDeps;
  /** Where the region's emblem is read from. */
  files: Pick<FileStore, 'get'>;
}

/**
 * The form (a request body) → its PDF with the template in force, marked as a preview, never stored:
 * completed from the region's profile as a stored version would be.
 */
export async function previewPdf(deps: PreviewDeps, body: unknown) {
  const { form, regionEmblem } = await completeForm(deps.region, body);
  const template = await deps.templates.active(form.documentType);
  checkNegotiated(form, template, {});
  const pdf = await renderPreview(form, template, {
    documentNumber: 'PRATINJAU / PREVIEW',
    ...(await regionEmblemContext(deps.files, regionEmblem)),
  });
  return { pdf, filename: `preview-${form.documentType.toLowerCase()}.pdf` };
}
