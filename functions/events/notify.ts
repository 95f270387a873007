import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../../shared/adapters/aws/clients.js';
import { CognitoDirectory } from '../../shared/adapters/aws/cognito-directory.js';
import { SesMailer } from '../../shared/adapters/aws/ses-mailer.js';
import { deliver } from '../../shared/notifications/deliver.js';
import type { OutboxMessage } from '../../shared/ports.js';
import { count, logger, observed } from '../observability.js';

let adapters: { directory: CognitoDirectory; mailer: SesMailer } | undefined;

/**
 * DynamoDB stream → email: each outbox item written by a transition is sent once it is committed.
 * Failed records are reported back so that only they are retried.
 */
export const handler = observed(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  adapters ??= {
    directory: new CognitoDirectory(requireEnv('USER_POOL_ID')),
    mailer: new SesMailer(requireEnv('SENDER_EMAIL')),
  };
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    try {
      await deliver(unmarshall(image as never) as OutboxMessage, adapters.directory, adapters.mailer);
      count('NotificationsSent');
    } catch (error) {
      logger.error('notification failed', { error: error as Error });
      count('NotificationsFailed');
      failures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures: failures };
});
