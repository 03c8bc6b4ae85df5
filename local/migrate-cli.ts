import { SFNClient } from '@aws-sdk/client-sfn';
import { DEFAULT_TIMEOUTS, StepTimeoutsSchema } from '../core/deps.ts';
import { createDocumentClient } from '../core/store/dynamo.ts';
import { upgradeV1Executions } from '../core/use-cases/upgrade-executions.ts';

/**
 * `npm run migrate`: the one-off upgrade of v1 executions on AWS, run once right after the
 * deploy with the deployed names (the local runtime runs the same code at every start):
 *   TABLE_NAME=… STATE_MACHINE_ARN=… AWS_REGION=ap-southeast-1 npm run migrate
 * Idempotent: a second run finds nothing to do.
 */
const tableName = process.env.TABLE_NAME;
const stateMachineArn = process.env.STATE_MACHINE_ARN;
if (!tableName || !stateMachineArn?.startsWith('arn:')) {
  console.error('Set TABLE_NAME and STATE_MACHINE_ARN (the app stack outputs) / cần TABLE_NAME và STATE_MACHINE_ARN');
  process.exit(2);
}
const timeouts = process.env.STEP_TIMEOUTS ? StepTimeoutsSchema.parse(JSON.parse(process.env.STEP_TIMEOUTS)) : DEFAULT_TIMEOUTS;
const report = await upgradeV1Executions({
  db: createDocumentClient(),
  tableName,
  sfn: new SFNClient({}),
  stateMachineArn,
  timeouts,
  now: () => new Date(),
});
console.log(JSON.stringify(report, null, 2));
