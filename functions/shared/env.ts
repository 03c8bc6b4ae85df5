import { z } from 'zod';

/** Environment of the lifecycle task functions: checked once at start. */
export const StepEnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
});

/** Environment of the web app and the yearly trigger. */
export const WebEnvSchema = StepEnvSchema.extend({
  STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** Local runs pass the key itself; on AWS the secret's ARN is read at start. */
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** Step timeouts in seconds, as JSON (tests shorten them); defaults otherwise. */
  STEP_TIMEOUTS: z.string().optional(),
});

export type StepEnv = z.infer<typeof StepEnvSchema>;
export type WebEnv = z.infer<typeof WebEnvSchema>;

export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}
