import { Drafting } from '../../shared/agreement/drafting.js';
import type { FormCompletionDeps } from '../../shared/agreement/first-party.js';
import { AgreementQueries } from '../../shared/agreement/queries.js';
import { previewPdf } from '../../shared/documents/preview.js';
import { systemClock } from '../../shared/ports/clock.js';
import { agreements, changeDeps, delegations, documents, regionProfiles, unitRegistry } from './adapters.js';
import { regionId } from './admin.js';
import { templateCatalog } from './templates.js';

/** The region's profile and units, which complete every form. */
const region = (): FormCompletionDeps => ({
  regionId: regionId(),
  profiles: regionProfiles(),
  units: unitRegistry(),
});

export const drafting = () =>
  new Drafting({ ...changeDeps(), agreements: agreements(), templates: templateCatalog(), region: region() });

export const agreementQueries = () =>
  new AgreementQueries({
    agreements: agreements(),
    files: documents(),
    delegations: delegations(),
    regionId: regionId(),
    clock: systemClock,
  });

/** The form → its PDF with the template in force, not stored; S3 is read only for the region's emblem. */
export const preview = (body: unknown) =>
  previewPdf(
    { templates: templateCatalog(), region: region(), files: { get: (key) => documents().get(key) } },
    body,
  );
