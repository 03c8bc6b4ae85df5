import middy from '@middy/core';
import { handle } from 'hono/aws-lambda';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import type { Context } from 'aws-lambda';
import { createApp } from '../web/app.ts';
import { appDeps } from './shared/app-deps.ts';
import { WebEnvSchema, readEnv } from './shared/env.ts';
import { observability } from './shared/observability.ts';

// Checked at cold start; the session secret is read from Secrets Manager at the first request.
const env = readEnv(WebEnvSchema);
let app: Promise<ReturnType<typeof handle>> | undefined;

/** The Hono web app behind the HTTPS Function URL. */
export const handler = middy<LambdaEvent, unknown, Error, Context>()
  .use(observability())
  .handler(async (event, context) => {
    app ??= appDeps(env)
      .then((deps) => handle(createApp(deps)))
      .catch((error: unknown) => {
        app = undefined; // a failed secret read is retried by the next request
        throw error;
      });
    return (await app)(event, context as unknown as LambdaContext);
  });
