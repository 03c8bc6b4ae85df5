import { handle } from 'hono/aws-lambda';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../web/app.ts';
import { appDeps } from './shared/app-deps.ts';

// Built once per container: the session secret is read from Secrets Manager at the first request.
let app: Promise<ReturnType<typeof handle>> | undefined;

/** The Hono web app behind the HTTPS Function URL. */
export const handler = async (event: LambdaEvent, context: LambdaContext) => {
  app ??= appDeps().then((deps) => handle(createApp(deps)));
  return (await app)(event, context);
};
