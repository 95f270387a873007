import type { Context, S3Event, SQSEvent } from 'aws-lambda';
import type { BatchOutcome } from '../../shared/batch/batches.js';
import { count, logger, observed } from '../observability.js';
import { batchDrafts } from '../wiring/batch-drafts.js';
import { batches } from '../wiring/batches.js';
import { deadLetterHandler } from './dead-letters.js';
import { s3Objects } from './s3-keys.js';

const OUTCOME_METRICS: Record<BatchOutcome['outcome'], string> = {
  done: 'BatchesDone',
  refused: 'BatchesRefused',
  failed: 'BatchesFailed',
  duplicate: 'BatchEventsDuplicate',
  ignored: 'BatchEventsIgnored',
};

/**
 * S3 ObjectCreated under batches/ → each row of the workbook drafted once, then the result. A
 * failing dependency throws, so Lambda retries, resuming at the first row not recorded.
 */
const drafts = observed(async (event: S3Event): Promise<{ results: BatchOutcome[] }> => {
  const results: BatchOutcome[] = [];
  for (const { bucket, key } of s3Objects(event)) {
    const result = await batchDrafts().draft(bucket, key);
    logger.info('batch drafted', { key, ...result });
    count(OUTCOME_METRICS[result.outcome]);
    results.push(result);
  }
  return { results };
});

/** After the last retry the event comes back from the dead-letter queue: the batch is marked failed. */
const deadLetters = deadLetterHandler(
  'batch drafting',
  async (key, reason) => (await batches().failed(key, reason)).outcome,
  { result: 'failed', metric: 'BatchesGaveUp' },
);

const fromQueue = (event: S3Event | SQSEvent): event is SQSEvent =>
  (event.Records?.[0] as { eventSource?: string } | undefined)?.eventSource === 'aws:sqs';

/**
 * One function for both (a function more would take the stack towards CloudFormation's 500
 * resources): the uploads' events, and its own dead-letter queue.
 */
export const handler = (event: S3Event | SQSEvent, context?: Context) =>
  fromQueue(event) ? deadLetters(event, context) : drafts(event, context);
