import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';

/**
 * Powertools for every entry point: JSON logs carrying the function, request id and cold start, and
 * counts as CloudWatch embedded metrics. Tracing is Lambda's active X-Ray tracing, set in the stack:
 * the Powertools tracer (aws-xray-sdk-core, about 130 KB) would not fit the bundle budgets.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kerjasama' });

// Outside Lambda (the embedded stack, tests) nothing collects embedded metrics, so none are printed.
const metrics = process.env.AWS_LAMBDA_FUNCTION_NAME
  ? new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'KerjaSama' })
  : undefined;

/** Adds one to a count published when the invocation ends. */
export function count(name: string, value = 1): void {
  metrics?.addMetric(name, MetricUnit.Count, value);
}

/** Wraps a handler: the Lambda context on every log line, the invocation's counts flushed at its end. */
export function observed<E, R>(
  handle: (event: E) => Promise<R>,
): (event: E, context?: Context) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      return await handle(event);
    } finally {
      if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}
