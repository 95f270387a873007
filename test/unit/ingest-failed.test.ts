import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FailedInvocation, failureReason } from '../../functions/events/dead-letters.js';
import { handler } from '../../functions/events/ingest-failed.js';

const ddb = mockClient(DynamoDBDocumentClient);
const AGREEMENT = '01JAAAAAAAAAAAAAAAAAAAAAAA';
const UPLOAD = '01JBBBBBBBBBBBBBBBBBBBBBBB';
const KEY = `incoming/${AGREEMENT}/${UPLOAD}.pdf`;

beforeAll(() => {
  process.env.TABLE_NAME = 'agreements-test';
  process.env.AWS_REGION = 'ap-southeast-3';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});

afterEach(() => ddb.reset());

/** The record Lambda puts in the failure destination after the last retry, as an SQS message. */
const deadLetter = (error: FailedInvocation['responsePayload'], condition = 'RetriesExhausted'): SQSEvent =>
  ({
    Records: [
      {
        messageId: 'm-1',
        body: JSON.stringify({
          requestContext: { condition, approximateInvokeCount: 3 },
          requestPayload: {
            Records: [{ s3: { bucket: { name: 'incoming' }, object: { key: KEY.replace(/\//g, '%2F') } } }],
          },
          responsePayload: error,
        }),
      },
    ],
  }) as SQSEvent;

const pending = {
  pk: `UPLOAD#${UPLOAD}`,
  sk: 'UPLOAD',
  uploadId: UPLOAD,
  agreementId: AGREEMENT,
  key: KEY,
  status: 'pending',
};

describe('an ingestion that failed every retry', () => {
  it('marks its pending upload failed with a reason the uploader can act on', async () => {
    ddb.on(GetCommand).resolves({ Item: pending });
    ddb.on(UpdateCommand).resolves({});
    const result = await handler(deadLetter({ errorMessage: 'Task timed out after 60.00 seconds' }));
    expect(result).toEqual({ batchItemFailures: [] });
    const update = ddb.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(update).toMatchObject({
      Key: { pk: `UPLOAD#${UPLOAD}`, sk: 'UPLOAD' },
      ConditionExpression: '#s = :pending',
      ExpressionAttributeValues: {
        ':q': 'failed',
        ':r': 'the file could not be checked (checking it took longer than allowed): upload it again, or ask the administrator if this repeats',
      },
    });
  });

  it('leaves an upload that was decided meanwhile as it is', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...pending, status: 'accepted' } });
    ddb
      .on(UpdateCommand)
      .rejects(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }));
    expect(await handler(deadLetter({ errorMessage: 'boom' }))).toEqual({ batchItemFailures: [] });
  });

  it('reports the message back when the table is unavailable, so that it is retried', async () => {
    ddb.on(GetCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    expect(await handler(deadLetter({ errorMessage: 'boom' }))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
  });

  it('names the cause without internals', () => {
    expect(
      failureReason({
        responsePayload: { errorType: 'Runtime.OutOfMemory', errorMessage: 'Runtime exited: out of memory' },
      }),
    ).toMatch(/needed more memory than allowed/);
    expect(failureReason({ requestContext: { condition: 'EventAgeExceeded' } })).toMatch(/waited too long/);
    expect(
      failureReason({
        responsePayload: { errorType: 'UnavailableError', errorMessage: 'S3 is unavailable' },
      }),
    ).toMatch(/checking it failed 3 times/);
  });
});
