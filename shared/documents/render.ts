import type { AgreementForm } from '../form/agreement-form.js';
import { type ComposeContext, composeDocument } from './compose.js';
import { renderDocx } from './docx.js';
import type { DocumentModel, SignatureBox } from './model.js';
import { renderPdf } from './pdf.js';
import type { Template } from './template.js';

export interface RenderedAgreement {
  document: DocumentModel;
  pdf: Uint8Array;
  pageCount: number;
  signatureBoxes: SignatureBox[];
  docx: Uint8Array;
}

/** Composes the form with `template` (the one in force for its type) and renders both formats. */
export async function renderAgreement(
  form: AgreementForm,
  template: Template,
  context: ComposeContext,
): Promise<RenderedAgreement> {
  const document = composeDocument(form, template, context);
  // The DOCX starts its signature section where the PDF's signature page starts.
  const pdf = await renderPdf(document, { form });
  const docx = await renderDocx(document, { signaturePageStart: pdf.signaturePageStart });
  return { document, pdf: pdf.bytes, pageCount: pdf.pageCount, signatureBoxes: pdf.signatureBoxes, docx };
}

/** Only the PDF, for previews that are not stored. */
export async function renderPreview(
  form: AgreementForm,
  template: Template,
  context: ComposeContext,
): Promise<Uint8Array> {
  return (await renderPdf(composeDocument(form, template, context), { form })).bytes;
}
