import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { OutboxMessage } from '../../shared/ports/outbox.js';
import { count, logger, observed } from '../observability.js';
import { notify } from '../wiring/notifications.js';

/**
 * DynamoDB stream → email: each outbox item written by a transition is sent once it is committed.
 * Failed records are reported back so that only they are retried.
 */
export const handler = observed(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    try {
      await notify(unmarshall(image as never) as OutboxMessage);
      count('NotificationsSent');
    } catch (error) {
      logger.error('notification failed', { error: error as Error });
      count('NotificationsFailed');
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
});
