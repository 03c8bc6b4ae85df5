import type middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { DomainError } from '../../core/errors.ts';
import { redactingReplacer } from '../../core/redact.ts';
import { errorInEnglish } from '../../web/i18n/error-text.ts';
import { METRICS_NAMESPACE } from './env.ts';

// The service is the function (POWERTOOLS_SERVICE_NAME, set by the AppFunction construct).
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'dan-van-kheo';

// Task tokens, passwords and cookies never reach CloudWatch (see core/redact.ts).
export const logger = new Logger({ serviceName, jsonReplacerFn: redactingReplacer });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
export { MetricUnit };

/**
 * Metrics go out as EMF lines on stdout, which only Lambda turns into CloudWatch metrics;
 * the local runtime imports the same handlers in-process, where they would be noise.
 */
const onLambda = process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;

/** Counts one metric, on Lambda only (see onLambda). */
export function count(name: string, value = 1): void {
  if (onLambda) metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Like Powertools' logMetrics (cold-start metric, flush after each invocation), but silent
 * when an invocation counted nothing: most web requests count nothing, and logMetrics
 * would log a warning for each of them.
 */
const publishMetrics: middy.MiddlewareObj = {
  before: (request) => metrics.captureColdStartMetric(request.context.functionName),
  after: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
  onError: () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  },
};

/**
 * A domain error's message is its key (core/messages.ts): what a handler reports (the
 * execution history, the Lambda error) is that key rendered in English, the name unchanged.
 */
export function inEnglish(error: unknown): void {
  if (error instanceof DomainError && error.message === error.key) error.message = errorInEnglish(error);
}

const englishErrors: middy.MiddlewareObj = { onError: (request) => inEnglish(request.error) };

/** The shared Powertools middlewares: structured logs with the Lambda context, metrics, errors in English. */
export function observability(): middy.MiddlewareObj[] {
  return onLambda ? [englishErrors, injectLambdaContext(logger), publishMetrics] : [englishErrors, injectLambdaContext(logger)];
}
