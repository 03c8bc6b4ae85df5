import { App, type AppProps, Tags } from 'aws-cdk-lib';
import { LIFECYCLE_STATE_MACHINE_NAME } from '../workflows/lifecycle-functions.ts';
import { AppStack } from './stacks/app-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export interface Stages {
  readonly app: App;
  readonly data: DataStack;
  readonly main: AppStack;
}

/**
 * Builds the whole app for one stage (context `stage`, default `dev`), so several
 * stages can live in one account. Separate from app.ts so tests build the same tree.
 */
export function buildApp(props?: AppProps): Stages {
  const app = new App(props);
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context "stage" must be lowercase letters, digits and dashes: got "${stage}"`);
  }
  // Env-agnostic stacks (no `env`): nothing needs a lookup, the synth is the same on every
  // machine, and ARNs resolve to the account and region deployed to.
  const prefix = `DanVanKheo-${stage}`;
  const data = new DataStack(app, `${prefix}-Data`, { description: 'Dan van kheo: data (retained)' });
  const main = new AppStack(app, `${prefix}-App`, {
    description: 'Dan van kheo: workflow, web app, yearly schedule',
    table: data.table,
    stateMachineName: `${LIFECYCLE_STATE_MACHINE_NAME}-${stage}`,
  });
  Tags.of(app).add('app', 'dan-van-kheo');
  Tags.of(app).add('stage', stage);
  return { app, data, main };
}
