import type { Template } from '../shared/documents/template.js';
import type { DocumentType } from '../shared/form/agreement-form.js';
import { loiTemplate } from './loi.js';
import { mouTemplate } from './mou.js';
import { pksTemplate } from './pks.js';

/** The template in force for each document type. A new version replaces its entry here. */
export const CURRENT_TEMPLATES: Record<DocumentType, Template> = {
  LOI: loiTemplate,
  MOU: mouTemplate,
  PKS: pksTemplate,
};
