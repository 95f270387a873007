import type { Template } from '../documents/template.js';
import type { DocumentType } from '../form/agreement-form.js';

/** The templates in force, one per document type: given to the core, never imported by it. */
export type TemplateCatalog = Readonly<Record<DocumentType, Template>>;
