import { Drafting } from '../../shared/agreement/drafting.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { previewPdf } from '../../shared/documents/preview.js';
import { agreements, changeDeps, documents } from './adapters.js';
import { templateCatalog } from './templates.js';

export const drafting = () =>
  new Drafting({ ...changeDeps(), agreements: agreements(), templates: templateCatalog() });

export const agreementQueries = () => new AgreementQueries({ agreements: agreements(), files: documents() });

/** The form → its PDF with the template in force, not stored. */
export const preview = (body: unknown) => previewPdf(templateCatalog(), body);
