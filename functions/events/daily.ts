import type { Context } from 'aws-lambda';
import { count, logger, observed } from '../observability.js';
import { dailyJob } from '../wiring/daily.js';

/** The daily schedule (EventBridge): lifecycles, reminders, periodic reports and seal renewals. */
const daily = observed(async () => {
  const run = await dailyJob().run();
  logger.info('daily job', { ...run });
  // A chain that no longer links to its anchor is someone's rewrite, or a fault: the alarm pages.
  if (run.anchors.refused.length) {
    logger.error('audit chains refused anchoring', { ...run.anchors });
    count('AuditChainRefused', run.anchors.refused.length);
  }
  if (run.renewals.failed.length) {
    logger.error('archive seals not renewed', { failed: run.renewals.failed });
    count('ArchiveRenewalFailed', run.renewals.failed.length);
  }
  return run;
});

/** EventBridge passes its event and the embedded stack's scheduler nothing: the job needs neither. */
export const handler = (_event?: unknown, context?: Context) => daily(undefined, context);
