import { CURRENT_TEMPLATES } from '../../templates/index.js';
import type { AgreementForm } from '../form/agreement-form.js';
import { type ComposeContext, composeDocument } from './compose.js';
import { renderDocx } from './docx.js';
import type { DocumentModel } from './model.js';
import { renderPdf, type SignatureBox } from './pdf.js';

export interface RenderedAgreement {
  document: DocumentModel;
  pdf: Uint8Array;
  pageCount: number;
  signatureBoxes: SignatureBox[];
  docx: Uint8Array;
}

/** Composes the form with the current template of its type and renders both formats. */
export async function renderAgreement(
  form: AgreementForm,
  context: ComposeContext,
): Promise<RenderedAgreement> {
  const document = composeDocument(form, CURRENT_TEMPLATES[form.documentType], context);
  // The DOCX starts its signature section where the PDF's signature page starts.
  const pdf = await renderPdf(document, { form });
  const docx = await renderDocx(document, { signaturePageStart: pdf.signaturePageStart });
  return { document, pdf: pdf.bytes, pageCount: pdf.pageCount, signatureBoxes: pdf.signatureBoxes, docx };
}

/** Only the PDF, for previews that are not stored. */
export async function renderPreview(form: AgreementForm, context: ComposeContext): Promise<Uint8Array> {
  const document = composeDocument(form, CURRENT_TEMPLATES[form.documentType], context);
  return (await renderPdf(document, { form })).bytes;
}
