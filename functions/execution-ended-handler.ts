import * as z from 'zod/mini';
import { checkEndedExecution } from '../core/use-cases/orphan-detection.ts';
import { count, logger } from './shared/observability.ts';
import { stepHandler } from './shared/step-handler.ts';

/**
 * The EventBridge rule's target: one "Step Functions Execution Status Change" event per lifecycle
 * execution that ends (the local service delivers the same events). A model left waiting in a
 * step by an execution that ended behind the app's back is listed for the administrator.
 */
const EventSchema = z.object({
  detail: z.object({
    name: z.string().check(z.minLength(1)),
    status: z.string(),
    input: z.nullish(z.string()),
    output: z.nullish(z.string()),
    error: z.nullish(z.string()),
    cause: z.nullish(z.string()),
  }),
});

export const handler = stepHandler(EventSchema, async (deps, event) => {
  const orphan = await checkEndedExecution(deps, event.detail);
  if (orphan) {
    count('ModelsOrphaned');
    logger.warn('model left without its execution', { modelId: orphan.modelId, execution: orphan.executionName, endedAs: orphan.endedAs });
  }
  return { orphaned: orphan !== undefined };
});
