import { ReportService } from '../../shared/evaluation/report-service.js';
import { systemClock } from '../../shared/ports.js';
import { cloudAdapters } from './context.js';
import { evaluationStore } from './evaluation-context.js';

/** The report writers (exceljs, pdf-lib) load only in the functions that generate reports. */
export const reportService = () =>
  new ReportService({
    evaluation: evaluationStore(),
    files: cloudAdapters().files,
    clock: systemClock,
    region: process.env.REGION_NAME ?? 'Pemerintah Daerah',
  });
