import { ingestionFailures } from '../wiring/ingestion.js';
import { deadLetterHandler } from './dead-letters.js';

/**
 * The ingestion's dead-letter queue → each upload whose event failed every retry is marked failed
 * with the reason, so that no upload stays pending.
 */
export const handler = deadLetterHandler(
  'ingestion',
  (key, reason) => ingestionFailures().record(key, reason),
  {
    result: 'failed',
    metric: 'UploadsFailed',
  },
);
