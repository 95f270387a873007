import type { Context } from 'aws-lambda';
import { DailyJob } from '../../shared/evaluation/daily-job.js';
import { systemClock } from '../../shared/ports.js';
import { auditTrail, cloudAdapters } from '../api/context.js';
import { evaluationStore } from '../api/evaluation-context.js';
import { reportService } from '../api/report-context.js';
import { count, logger, observed } from '../observability.js';

/** The daily schedule (EventBridge): lifecycles, reminders and periodic reports. */
const daily = observed(async () => {
  const run = await new DailyJob({
    store: cloudAdapters().store,
    evaluation: evaluationStore(),
    reports: reportService,
    trail: auditTrail,
    clock: systemClock,
  }).run();
  logger.info('daily job', { ...run });
  // A chain that no longer links to its anchor is someone's rewrite, or a fault: the alarm pages.
  if (run.anchors.refused.length) {
    logger.error('audit chains refused anchoring', { ...run.anchors });
    count('AuditChainRefused', run.anchors.refused.length);
  }
  return run;
});

/** EventBridge passes its event and the embedded stack's scheduler nothing: the job needs neither. */
export const handler = (_event?: unknown, context?: Context) => daily(undefined, context);
