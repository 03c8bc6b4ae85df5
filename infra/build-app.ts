import { App, type AppProps, Tags } from 'aws-cdk-lib';
import { LIFECYCLE_STATE_MACHINE_NAME } from '../workflows/lifecycle-functions.ts';
import { REVIEW_STATE_MACHINE_NAME } from '../workflows/review-functions.ts';
import { IMPORT_STATE_MACHINE_NAME } from '../workflows/import-functions.ts';
import { appConfig, type AppConfig } from './app-config.ts';
import { evidenceBucketName } from './constructs/evidence-bucket.ts';
import { AppStack } from './stacks/app-stack.ts';
import { DataStack } from './stacks/data-stack.ts';

export interface Stages {
  readonly app: App;
  readonly config: AppConfig;
  readonly data: DataStack;
  readonly main: AppStack;
}

/**
 * Builds the whole app for one stage (context `stage`, default `dev`), so several stages
 * can live in one account. Separate from app.ts so tests build the same tree.
 */
export function buildApp(props?: AppProps): Stages {
  const app = new App(props);
  const config = appConfig(app);
  // The region is fixed, the account is the one deployed to: nothing needs a lookup and
  // the synth is the same on every machine.
  const env = { region: config.region };
  const prefix = `DanVanKheo-${config.stage}`;
  const evidenceBucket = evidenceBucketName(config.stage, config.region);
  const data = new DataStack(app, `${prefix}-Data`, {
    env,
    description: 'Dan van kheo: data (retained): table, evidence bucket, first administrator',
    adminUsername: config.adminUsername,
    adminDisplayName: config.adminDisplayName,
    evidenceBucketName: evidenceBucket,
  });
  const main = new AppStack(app, `${prefix}-App`, {
    env,
    description: 'Dan van kheo: workflows, web app, schedules, alarms',
    table: data.table,
    evidenceBucketName: evidenceBucket,
    stateMachineName: `${LIFECYCLE_STATE_MACHINE_NAME}-${config.stage}`,
    reviewStateMachineName: `${REVIEW_STATE_MACHINE_NAME}-${config.stage}`,
    importStateMachineName: `${IMPORT_STATE_MACHINE_NAME}-${config.stage}`,
    alarmEmail: config.alarmEmail,
    mailDomain: config.mailDomain,
  });
  Tags.of(app).add('app', 'dan-van-kheo');
  Tags.of(app).add('stage', config.stage);
  return { app, config, data, main };
}
