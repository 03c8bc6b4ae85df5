import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { z } from 'zod';
import { DEFAULT_TIMEOUTS, type Deps } from '../../core/deps.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { parseOrThrow } from '../../core/validation.ts';
import { StepEnvSchema, readEnv } from './env.ts';

export const logger = new Logger({ serviceName: 'dan-van-kheo' });

let cached: Deps | undefined;
/** Clients are created once per container, from an environment checked at first use. */
export function stepDeps(): Deps {
  if (!cached) {
    const env = readEnv(StepEnvSchema);
    cached = { db: createDocumentClient(), tableName: env.TABLE_NAME, sfn: new SFNClient({}), stateMachineArn: '', timeouts: DEFAULT_TIMEOUTS, now: () => new Date() };
  }
  return cached;
}

/**
 * The shared middy bundle of a lifecycle task: logging with the Lambda context, the
 * event parsed by its zod schema, then the use case. Errors keep their names so the
 * ASL's Retry/Catch can match them.
 */
export function stepHandler<S extends z.ZodType, R>(schema: S, useCase: (deps: Deps, input: z.infer<S>) => Promise<R>) {
  return middy()
    .use(injectLambdaContext(logger))
    .onError(async (request) => {
      logger.error('task failed', { error: request.error });
    })
    .handler(async (event: unknown) => useCase(stepDeps(), parseOrThrow(schema, event)));
}
