import type { Context } from 'aws-lambda';
import { DailyJob } from '../../shared/evaluation/daily-job.js';
import { systemClock } from '../../shared/ports.js';
import { cloudAdapters } from '../api/context.js';
import { evaluationStore } from '../api/evaluation-context.js';
import { reportService } from '../api/report-context.js';
import { logger, observed } from '../observability.js';

/** The daily schedule (EventBridge): lifecycles, reminders and periodic reports. */
const daily = observed(async () => {
  const run = await new DailyJob({
    store: cloudAdapters().store,
    evaluation: evaluationStore(),
    reports: reportService,
    clock: systemClock,
  }).run();
  logger.info('daily job', { ...run });
  return run;
});

/** EventBridge passes its event and the embedded stack's scheduler nothing: the job needs neither. */
export const handler = (_event?: unknown, context?: Context) => daily(undefined, context);
