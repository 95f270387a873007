import { Drafting } from '../../shared/agreement/drafting.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { previewPdf } from '../../shared/documents/preview.js';
import { systemClock } from '../../shared/ports/clock.js';
import { CURRENT_TEMPLATES } from '../../templates/index.js';
import { agreements, changeDeps, delegations, documents } from './adapters.js';
import { regionId } from './admin.js';

export const drafting = () =>
  new Drafting({ ...changeDeps(), agreements: agreements(), templates: CURRENT_TEMPLATES });

export const agreementQueries = () =>
  new AgreementQueries({
    agreements: agreements(),
    files: documents(),
    delegations: delegations(),
    regionId: regionId(),
    clock: systemClock,
  });

/** The form → its PDF with the template in force, not stored. */
export const preview = (body: unknown) => previewPdf(CURRENT_TEMPLATES, body);
