import type { S3Event } from 'aws-lambda';
import type { IngestionOutcome } from '../../shared/archive/ingestion.js';
import { count, logger, observed } from '../observability.js';
import { ingestionService } from '../wiring/ingestion.js';
import { s3Objects } from './s3-keys.js';

/** One count per outcome, so refusals rising show on a graph. */
const OUTCOME_METRICS: Record<IngestionOutcome['outcome'], string> = {
  accepted: 'UploadsAccepted',
  quarantined: 'UploadsQuarantined',
  duplicate: 'UploadsDuplicate',
  ignored: 'UploadsIgnored',
};

/**
 * S3 ObjectCreated → ingestion of an uploaded signed copy. A failing dependency throws, so Lambda
 * retries the event; ingestion is idempotent, so a retry or a duplicate delivery changes nothing.
 * After the last retry the event goes to the dead-letter queue, where IngestFailed marks the
 * upload failed.
 */
export const handler = observed(async (event: S3Event): Promise<{ results: unknown[] }> => {
  const ingestion = ingestionService();
  const results = [];
  for (const { bucket, key } of s3Objects(event)) {
    const result = await ingestion.ingest(bucket, key);
    logger.info('ingested', { key, ...result });
    count(OUTCOME_METRICS[result.outcome]);
    results.push(result);
  }
  return { results };
});
