import type { Template, TemplateFile } from '../shared/documents/template.js';
import { templateId } from '../shared/documents/template-id.js';
import type { DocumentType } from '../shared/form/agreement-form.js';
import builtin from './builtin.json' with { type: 'json' };

const files = builtin as unknown as Record<DocumentType, TemplateFile>;
const version1 = (type: DocumentType): Template => ({ ...files[type], id: templateId(type), version: 1 });

/**
 * The built-in templates (templates/*.yaml, compiled to builtin.json by `npm run build:templates`):
 * version 1 of each document type, in force until a Biro head's upload is activated.
 */
export const BUILTIN_TEMPLATES: Readonly<Record<DocumentType, Template>> = {
  LOI: version1('LOI'),
  MOU: version1('MOU'),
  PKS: version1('PKS'),
};
