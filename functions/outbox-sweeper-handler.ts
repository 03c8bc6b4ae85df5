import middy from '@middy/core';
import { deliverOutbox } from '../core/use-cases/deliver-result.ts';
import { count, logger, observability } from './shared/observability.ts';
import { stepDeps } from './shared/step-handler.ts';

// Environment checked at cold start.
const deps = stepDeps();

/**
 * Scheduled every few minutes on AWS (the local runtime sweeps in-process): hands the
 * decisions that were recorded but not delivered to Step Functions.
 */
export const handler = middy()
  .use(observability())
  .handler(async () => {
    const delivered = await deliverOutbox(deps);
    if (delivered > 0) {
      count('DecisionsRedelivered', delivered);
      logger.info('outbox swept', { delivered });
    }
    return { delivered };
  });
