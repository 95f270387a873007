import type { DocumentType } from '../form/agreement-form.js';

/**
 * The id a template is known by: its document type's (`mou`), whatever its version. Apart from
 * template.ts, so that the drafting bundles, which only read templates, leave its schema out.
 */
export const templateId = (documentType: DocumentType) => documentType.toLowerCase();
