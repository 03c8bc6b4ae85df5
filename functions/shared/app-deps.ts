import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { SFNClient } from '@aws-sdk/client-sfn';
import { z } from 'zod';
import { DEFAULT_TIMEOUTS, type StepTimeouts } from '../../core/deps.ts';
import { createDocumentClient } from '../../core/store/dynamo.ts';
import type { WebDeps } from '../../web/web-deps.ts';
import { WebEnvSchema, readEnv } from './env.ts';

const positive = z.number().int().positive();
const TimeoutsSchema = z.object({ registrationReview: positive, revision: positive, yearlyReview: positive, yearlyReport: positive, appraisal: positive });

function stepTimeouts(json?: string): StepTimeouts {
  return json ? TimeoutsSchema.parse(JSON.parse(json)) : DEFAULT_TIMEOUTS;
}

/** Dependencies of the web app and the yearly trigger on AWS, from their checked environment. */
export async function appDeps(): Promise<WebDeps> {
  const env = readEnv(WebEnvSchema);
  const sessionSecret = env.SESSION_SECRET ?? (env.SESSION_SECRET_ARN ? await getSecret<string>(env.SESSION_SECRET_ARN, { maxAge: 300 }) : undefined);
  if (!sessionSecret) throw new Error('Invalid environment: SESSION_SECRET or SESSION_SECRET_ARN is required');
  return {
    db: createDocumentClient(),
    tableName: env.TABLE_NAME,
    sfn: new SFNClient({}),
    stateMachineArn: env.STATE_MACHINE_ARN,
    timeouts: stepTimeouts(env.STEP_TIMEOUTS),
    now: () => new Date(),
    sessionSecret,
    secureCookies: true,
  };
}
