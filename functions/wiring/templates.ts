import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { DynamoTemplateCatalog, DynamoTemplateStore } from '../../shared/adapters/aws/dynamo-templates.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { systemClock } from '../../shared/ports/clock.js';
import { TemplateLibrary } from '../../shared/template-library/library.js';
import { BUILTIN_TEMPLATES } from '../../templates/index.js';
import { documents, once, table } from './adapters.js';
import { adminDeps, regionId } from './admin.js';

/** The templates drafts are composed with: the built-in version 1 of each type, and versions activated since. */
export const templateCatalog = /* @__PURE__ */ once(
  () => new DynamoTemplateCatalog(table(), BUILTIN_TEMPLATES),
);

export const templateStore = /* @__PURE__ */ once(() => new DynamoTemplateStore(table()));

export const templateLibrary = () =>
  new TemplateLibrary({
    store: templateStore(),
    catalog: templateCatalog(),
    forms: s3UploadForms,
    files: documents(),
    clock: systemClock,
    admin: adminDeps(),
    regionId: regionId(),
    incomingBucket: () => requireEnv('INCOMING_BUCKET'),
  });
