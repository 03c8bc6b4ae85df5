import middy from '@middy/core';
import type * as z from 'zod/mini';
import { DEFAULT_TIMEOUTS, type Deps } from '../../core/deps.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { parseOrThrow } from '../../core/validation.ts';
import { StepEnvSchema, readEnv } from './env.ts';
import { count, inEnglish, logger, observability } from './observability.ts';
import { lazySfnClient } from './lazy-sfn-client.ts';

export { logger };

let cached: Deps | undefined;
/**
 * Clients are created once per container, from an environment checked at first use. The
 * lifecycle tasks call this when their module loads, so a bad environment fails the cold
 * start; the local runtime imports them only after setting process.env.
 */
export function stepDeps(): Deps {
  if (!cached) {
    const env = readEnv(StepEnvSchema);
    cached = {
      db: createDocumentClient(),
      tableName: env.TABLE_NAME,
      sfn: lazySfnClient(),
      stateMachineArn: '',
      timeouts: DEFAULT_TIMEOUTS,
      now: () => new Date(),
    };
  }
  return cached;
}

/**
 * The shared middy bundle of a lifecycle task: Powertools logging and metrics, the event
 * parsed by its zod schema, then the use case. Errors keep their names so the ASL's
 * Retry/Catch can match them; a domain error's message becomes English text (its key rendered).
 */
export function stepHandler<S extends z.ZodMiniType, R>(schema: S, useCase: (deps: Deps, input: z.infer<S>) => Promise<R>) {
  const deps = stepDeps();
  return middy()
    .use(observability())
    .onError((request) => {
      // Execution history and logs read English: the error's message is its key, rendered here (the name stays).
      inEnglish(request.error);
      // A hand-over is how a long wait goes on in a new execution: expected, not a failure.
      if (request.error?.name === 'HandOverDue') {
        logger.info('step hands over to a new execution', { reason: request.error.message });
        return;
      }
      count('StepFailed');
      logger.error('task failed', { error: request.error });
    })
    .handler(async (event: unknown) => {
      const result = await useCase(deps, parseOrThrow(schema, event));
      count('StepSucceeded');
      return result;
    });
}
