import { ReportService } from '../../shared/evaluation/report-service.js';
import { listReports } from '../../shared/evaluation/reports.js';
import type { Identity } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import { documents, periodicReports, regionProfiles } from './adapters.js';
import { regionId } from './admin.js';

/** What a report made before the region's profile is set up calls the region. */
const UNNAMED_REGION = 'Pemerintah Daerah';

/** The report writers (exceljs, pdf-lib) load only in the functions that generate reports. */
export const reportService = () =>
  new ReportService({
    periodicReports: periodicReports(),
    files: documents(),
    clock: systemClock,
    regionName: async () => (await regionProfiles().get(regionId()))?.name.id ?? UNNAMED_REGION,
  });

export const storedReports = (user: Identity, query: unknown) =>
  listReports({ periodicReports: periodicReports(), files: documents() }, user, query);
