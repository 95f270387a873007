import type { S3Event } from 'aws-lambda';
import type { CheckOutcome } from '../../shared/template-library/candidates.js';
import { count, logger, observed } from '../observability.js';
import { templateChecks } from '../wiring/template-checks.js';
import { s3Objects } from './s3-keys.js';

const OUTCOME_METRICS: Record<CheckOutcome['outcome'], string> = {
  valid: 'TemplatesValid',
  refused: 'TemplatesRefused',
  duplicate: 'TemplateEventsDuplicate',
  ignored: 'TemplateEventsIgnored',
};

/**
 * S3 ObjectCreated under templates/ → the uploaded template checked into a valid or refused
 * candidate. A failing dependency throws, so Lambda retries; a candidate is checked once, so a
 * retry or a duplicate delivery changes nothing. After the last retry the event goes to the
 * dead-letter queue, where TemplateCheckFailed refuses the candidate with the reason.
 */
export const handler = observed(async (event: S3Event): Promise<{ results: CheckOutcome[] }> => {
  const checks = templateChecks();
  const results: CheckOutcome[] = [];
  for (const { bucket, key } of s3Objects(event)) {
    const result = await checks.check(bucket, key);
    logger.info('template checked', { key, ...result });
    count(OUTCOME_METRICS[result.outcome]);
    results.push(result);
  }
  return { results };
});
