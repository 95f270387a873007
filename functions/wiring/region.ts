import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { s3UploadForms } from '../../shared/adapters/aws/s3-upload-forms.js';
import { RegionAdmin } from '../../shared/admin/region-admin.js';
import { UnitAdmin } from '../../shared/admin/unit-admin.js';
import { svgToPng } from '../../shared/documents/svg-raster.js';
import { agreements, documents, regionProfiles, unitRegistry } from './adapters.js';
import { adminDeps, regionId } from './admin.js';

/** The region's profile and emblem. */
export const regionAdmin = () =>
  new RegionAdmin({
    ...adminDeps(),
    regionId: regionId(),
    profiles: regionProfiles(),
    files: documents(),
    emblemForm: (binding) => s3UploadForms.post(requireEnv('DOCUMENTS_BUCKET'), binding),
    rasterize: svgToPng,
  });

/** The region's units (OPD). */
export const unitAdmin = () =>
  new UnitAdmin({
    ...adminDeps(),
    regionId: regionId(),
    units: unitRegistry(),
    inProgress: (unit, limit) => agreements().inProgress(unit, limit),
  });
