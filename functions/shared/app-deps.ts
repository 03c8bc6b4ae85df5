import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { DEFAULT_TIMEOUTS, StepTimeoutsSchema, type StepTimeouts } from '../../core/deps.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import { S3EvidenceStore } from '../../core/store/s3-evidence-store.ts';
import type { ReviewDeps } from '../../core/use-cases/yearly-review.ts';
import type { WebDeps } from '../../web/web-deps.ts';
import { ReviewEnvSchema, WebEnvSchema, readEnv, type ReviewEnv, type WebEnv } from './env.ts';
import { lazySfnClient } from './lazy-sfn-client.ts';

function stepTimeouts(json?: string): StepTimeouts {
  return json ? StepTimeoutsSchema.parse(JSON.parse(json)) : DEFAULT_TIMEOUTS;
}

/** Dependencies of the yearly trigger on AWS: table and both state machines, no session key. */
export function workflowDeps(env: ReviewEnv = readEnv(ReviewEnvSchema)): ReviewDeps {
  return {
    db: createDocumentClient(),
    tableName: env.TABLE_NAME,
    sfn: lazySfnClient(),
    stateMachineArn: env.STATE_MACHINE_ARN,
    reviewStateMachineArn: env.REVIEW_STATE_MACHINE_ARN,
    timeouts: stepTimeouts(env.STEP_TIMEOUTS),
    now: () => new Date(),
  };
}

/**
 * Dependencies of the web app on AWS. The session key is read from Secrets Manager
 * through Powertools (cached for 5 minutes), unless a local run passes it directly;
 * evidence files live in the S3 bucket.
 */
export async function appDeps(env: WebEnv = readEnv(WebEnvSchema)): Promise<WebDeps> {
  const sessionSecret = env.SESSION_SECRET ?? (await getSecret<string>(env.SESSION_SECRET_ARN as string, { maxAge: 300 }));
  if (!sessionSecret) throw new Error(`Secret ${env.SESSION_SECRET_ARN} has no value`);
  return {
    ...workflowDeps(env),
    sessionSecret,
    secureCookies: true,
    evidence: new S3EvidenceStore(env.EVIDENCE_BUCKET),
    importStateMachineArn: env.IMPORT_STATE_MACHINE_ARN,
  };
}
