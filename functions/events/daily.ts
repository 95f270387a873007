import { DailyJob } from '../../shared/evaluation/daily-job.js';
import { systemClock } from '../../shared/ports.js';
import { cloudAdapters } from '../api/context.js';
import { evaluationStore } from '../api/evaluation-context.js';
import { reportService } from '../api/report-context.js';

/** The daily schedule (EventBridge): lifecycles, reminders and periodic reports. */
export const handler = async () => {
  const run = await new DailyJob({
    store: cloudAdapters().store,
    evaluation: evaluationStore(),
    reports: reportService,
    clock: systemClock,
  }).run();
  console.log(JSON.stringify({ message: 'daily job', ...run }));
  return run;
};
