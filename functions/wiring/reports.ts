import { ReportService } from '../../shared/evaluation/report-service.js';
import { listReports } from '../../shared/evaluation/reports.js';
import type { Identity } from '../../shared/identity/identity.js';
import { systemClock } from '../../shared/ports/clock.js';
import { documents, periodicReports } from './adapters.js';

/** The report writers (exceljs, pdf-lib) load only in the functions that generate reports. */
export const reportService = () =>
  new ReportService({
    periodicReports: periodicReports(),
    files: documents(),
    clock: systemClock,
    region: process.env.REGION_NAME ?? 'Pemerintah Daerah',
  });

export const storedReports = (user: Identity, query: unknown) =>
  listReports({ periodicReports: periodicReports(), files: documents() }, user, query);
