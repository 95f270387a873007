import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { count, logger, observed } from '../observability.js';
import { s3Objects } from './s3-keys.js';

/** What Lambda sends to the failure destination of an asynchronous invocation. */
export interface FailedInvocation {
  requestContext?: { condition?: string; approximateInvokeCount?: number };
  requestPayload?: S3Event;
  responsePayload?: { errorType?: string; errorMessage?: string } | null;
}

/** Why the upload could not be checked, for the uploader: no internals, and what to do. */
export function failureReason(invocation: FailedInvocation): string {
  const error = `${invocation.responsePayload?.errorType ?? ''} ${invocation.responsePayload?.errorMessage ?? ''}`;
  const cause =
    invocation.requestContext?.condition === 'EventAgeExceeded'
      ? 'it waited too long to be checked'
      : /time(d)?\s?out/i.test(error)
        ? 'checking it took longer than allowed'
        : /memory/i.test(error)
          ? 'checking it needed more memory than allowed'
          : /timestamp authorit/i.test(error)
            ? 'no timestamp authority answered to seal it for the archive'
            : `checking it failed ${invocation.requestContext?.approximateInvokeCount ?? 3} times`;
  return `the file could not be checked (${cause}): upload it again, or ask the administrator if this repeats`;
}

/**
 * A dead-letter queue's consumer: each object whose event failed every retry is recorded with the
 * reason (`record` answers `marked` when this changed its state), so that nothing stays pending. A
 * message that cannot be recorded now is reported back and retried; one that is not a failure
 * record is logged and dropped.
 */
export function deadLetterHandler(
  what: string,
  record: (key: string, reason: string) => Promise<string>,
  marked: { result: string; metric: string },
) {
  return observed(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const message of event.Records) {
      let invocation: FailedInvocation;
      try {
        invocation = JSON.parse(message.body) as FailedInvocation;
      } catch {
        logger.error('not a failed invocation record', { messageId: message.messageId });
        continue;
      }
      const reason = failureReason(invocation);
      for (const { key } of s3Objects(invocation.requestPayload)) {
        try {
          const result = await record(key, reason);
          logger.warn(`${what} gave up`, { key, result, error: invocation.responsePayload });
          if (result === marked.result) count(marked.metric);
        } catch (error) {
          logger.error(`could not record the failed ${what}`, { key, error: error as Error });
          batchItemFailures.push({ itemIdentifier: message.messageId });
          break;
        }
      }
    }
    return { batchItemFailures };
  });
}
