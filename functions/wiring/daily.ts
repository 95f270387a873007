import { DailyJob } from '../../shared/evaluation/daily-job.js';
import { agreements, changeDeps, evaluation, periodicReports, schedule } from './adapters.js';
import { auditTrail } from './audit.js';
import { reportService } from './reports.js';

/** Lifecycles, reminders, periodic reports and anchors, once a day. */
export const dailyJob = () =>
  new DailyJob({
    ...changeDeps(),
    agreements: agreements(),
    schedule: schedule(),
    evaluation: evaluation(),
    periodicReports: periodicReports(),
    reports: reportService,
    trail: auditTrail,
  });
