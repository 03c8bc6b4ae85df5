import * as z from 'zod/mini';

/**
 * Each function's environment is a zod schema, checked when its module loads (cold start).
 * The CDK AppFunction construct types its `environment` prop from the same schema, through
 * HANDLER_ENV, so a variable the handler needs cannot be forgotten in the stack. zod/mini: the
 * workflow functions hold no classic zod (issue 18's cold starts).
 */

/** Lifecycle and review tasks, the outbox sweeper and the first-administrator bootstrap. */
export const StepEnvSchema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
});

/** The yearly review trigger: it starts the review machine, which releases waiting lifecycle steps. */
export const ReviewEnvSchema = z.extend(StepEnvSchema, {
  STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')),
  REVIEW_STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')),
  /** Step timeouts in seconds, as JSON (tests shorten them); defaults otherwise. */
  STEP_TIMEOUTS: z.optional(z.string()),
});

/** The model import's task: it starts the registration of a model imported as registered. */
export const ImportEnvSchema = z.extend(StepEnvSchema, {
  STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')),
});

/** The notification sender: the SES identity and configuration set, and the web address links point at. */
export const MailEnvSchema = z.extend(StepEnvSchema, {
  MAIL_FROM: z.string().check(z.minLength(3)),
  SES_CONFIGURATION_SET: z.string().check(z.minLength(1)),
  /** The web app's address (its Function URL). */
  WEB_URL: z.url(),
});

/** The web app: also its session key, the evidence bucket and the import workflow. */
export const WebEnvSchema = z
  .extend(ReviewEnvSchema, {
    IMPORT_STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')),
    /** Local runs pass the key itself; on AWS the secret's ARN is read through Powertools. */
    SESSION_SECRET: z.optional(z.string().check(z.minLength(32))),
    SESSION_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'))),
    /** The S3 bucket of evidence files. */
    EVIDENCE_BUCKET: z.string().check(z.minLength(3)),
  })
  .check(
    z.refine((env) => env.SESSION_SECRET !== undefined || env.SESSION_SECRET_ARN !== undefined, {
      message: 'SESSION_SECRET or SESSION_SECRET_ARN is required',
      path: ['SESSION_SECRET_ARN'],
    }),
  );

/** CloudWatch namespace of the app's own metrics (Powertools Metrics). */
export const METRICS_NAMESPACE = 'DanVanKheo';

export type StepEnv = z.infer<typeof StepEnvSchema>;
export type ReviewEnv = z.infer<typeof ReviewEnvSchema>;
export type WebEnv = z.infer<typeof WebEnvSchema>;

/** Which schema each functions/<name>-handler.ts reads. */
export const HANDLER_ENV = {
  'submit-model': StepEnvSchema,
  'open-task': StepEnvSchema,
  'mark-overdue': StepEnvSchema,
  'begin-cycle': StepEnvSchema,
  'join-open-review': StepEnvSchema,
  'begin-next-cycle': StepEnvSchema,
  'record-attention': StepEnvSchema,
  'execution-ended': StepEnvSchema,
  'review-init': StepEnvSchema,
  'review-fetch-page': StepEnvSchema,
  'review-release': StepEnvSchema,
  'review-progress': StepEnvSchema,
  'import-chunk': ImportEnvSchema,
  'outbox-sweeper': StepEnvSchema,
  'bootstrap-admin': StepEnvSchema,
  'yearly-review': ReviewEnvSchema,
  'notify-dispatch': MailEnvSchema,
  'mail-bounce': StepEnvSchema,
  web: WebEnvSchema,
} as const satisfies Record<string, z.ZodMiniObject>;

export type HandlerName = keyof typeof HANDLER_ENV;

/** Variables for local runs only: never part of a deployed function's environment. */
export const LOCAL_ONLY_ENV = ['SESSION_SECRET'] as const;
export type LocalOnlyEnv = (typeof LOCAL_ONLY_ENV)[number];

/** What a deployed function of this handler must be given (CDK values are strings or tokens). */
export type DeployedEnv<N extends HandlerName> = Omit<z.input<(typeof HANDLER_ENV)[N]>, LocalOnlyEnv>;

export function readEnv<S extends z.ZodMiniType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = z.safeParse(schema, env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  return parsed.data;
}
