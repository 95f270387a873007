import { DynamoTemplateCatalog, DynamoTemplateStore } from '../../shared/adapters/aws/dynamo-templates.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { once, table } from './adapters.js';

/** The templates drafts are composed with: the built-in version 1 of each type, and versions activated since. */
export const templateCatalog = /* @__PURE__ */ once(
  () => new DynamoTemplateCatalog(table(), BUILTIN_TEMPLATES),
);

export const templateStore = /* @__PURE__ */ once(() => new DynamoTemplateStore(table()));
