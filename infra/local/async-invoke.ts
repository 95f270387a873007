import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import type { FailedInvocation } from '../../functions/events/dead-letters.js';

/** Lambda's asynchronous invocation: the first try and two retries (here a moment apart, not minutes). */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;

/**
 * Runs an event handler as Lambda runs one S3 invokes: retried on failure, and after the last try
 * the invocation record (the shape Lambda sends to a failure destination) goes, as the body of an
 * SQS message, to the handler that consumes the dead-letter queue.
 */
export async function invokeAsync<E>(
  event: E,
  handler: (event: E) => Promise<unknown>,
  deadLetters: (event: SQSEvent) => Promise<unknown>,
): Promise<void> {
  let failure: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      await handler(event);
      return;
    } catch (error) {
      failure = error;
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * attempt));
    }
  }
  const error = failure instanceof Error ? failure : new Error(String(failure));
  const record: FailedInvocation = {
    requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: ATTEMPTS },
    requestPayload: event as FailedInvocation['requestPayload'],
    responsePayload: { errorType: error.name, errorMessage: error.message },
  };
  await deadLetters({
    Records: [{ messageId: randomUUID(), eventSource: 'aws:sqs', body: JSON.stringify(record) }],
  } as SQSEvent);
}
