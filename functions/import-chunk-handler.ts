import * as z from 'zod/mini';
import { failImport, runImportChunk } from '../core/use-cases/import-chunks.ts';
import type { Deps } from '../core/deps.ts';
import { stepHandler } from './shared/step-handler.ts';
import { ImportEnvSchema, readEnv } from './shared/env.ts';

const Input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('chunk'), jobId: z.string().check(z.minLength(1)), chunk: z.int().check(z.nonnegative()) }),
  z.object({ action: z.literal('fail'), jobId: z.string().check(z.minLength(1)), error: z.string(), cause: z.optional(z.string()) }),
]);

const env = readEnv(ImportEnvSchema);

/** The model import workflow's one task: import a chunk, or record that the import failed. */
export const handler = stepHandler(Input, async (deps: Deps, input): Promise<{ jobId: string; chunk?: number; done?: boolean }> => {
  const chunkDeps: Deps = { ...deps, stateMachineArn: env.STATE_MACHINE_ARN };
  return input.action === 'chunk' ? runImportChunk(chunkDeps, input) : failImport(deps, input);
});
