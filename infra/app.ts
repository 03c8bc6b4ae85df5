// CDK entry point (cdk.json: `npx tsx infra/app.ts`).
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from './build-app.ts';

const { app } = buildApp();
// Every synth runs the cdk-nag AwsSolutions rules: an unacknowledged error fails it.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
