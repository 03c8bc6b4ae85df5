import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { LIFECYCLE_ASL_PATH, LIFECYCLE_FUNCTIONS, type LifecycleFunctionKey } from '../../workflows/lifecycle-functions.ts';
import { grantTable, type TableAccess } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import { Workflow } from './workflow.ts';

export { aslPlaceholders } from '../asl.ts';

export interface LifecycleWorkflowProps {
  readonly table: ITableV2;
  readonly stateMachineName: string;
}

/**
 * What each lifecycle task does to the table (test/infra/least-privilege checks it against the
 * bundle): read the model and its pending task (GetItem), write the task (PutItem, UpdateItem)
 * and move the model in a transaction of Put and Update items. No Query and no index: each
 * task works on one model's keys.
 */
const MOVES: TableAccess = { actions: ['GetItem', 'PutItem', 'UpdateItem'] };
const LIFECYCLE_TABLE_ACCESS: Record<LifecycleFunctionKey, TableAccess> = {
  SubmitModelFunctionArn: MOVES,
  OpenTaskFunctionArn: MOVES,
  MarkOverdueFunctionArn: MOVES,
  BeginCycleFunctionArn: MOVES,
  // Reads the review's progress; counts a late join in it (UpdateItem on both items).
  JoinOpenReviewFunctionArn: { actions: ['GetItem', 'UpdateItem'] },
  BeginNextCycleFunctionArn: MOVES,
  RecordAttentionFunctionArn: { actions: ['PutItem'] },
};

/**
 * The model lifecycle: one function per LIFECYCLE_FUNCTIONS entry and the state machine
 * defined by workflows/model-lifecycle.asl.json, with the functions' ARNs substituted.
 */
export class LifecycleWorkflow extends Construct {
  readonly functions: Record<LifecycleFunctionKey, AppFunction>;
  readonly machine: Workflow;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowProps) {
    super(scope, id);
    const entries = Object.entries(LIFECYCLE_FUNCTIONS) as Array<
      [LifecycleFunctionKey, (typeof LIFECYCLE_FUNCTIONS)[LifecycleFunctionKey]]
    >;
    this.functions = Object.fromEntries(
      entries.map(([key, handlerName]) => {
        const fn = new AppFunction(this, key.replace(/FunctionArn$/, ''), {
          handlerName,
          description: `Lifecycle task ${handlerName}`,
          environment: { TABLE_NAME: props.table.tableName },
        });
        grantTable(fn.role, props.table, LIFECYCLE_TABLE_ACCESS[key]);
        return [key, fn];
      }),
    ) as Record<LifecycleFunctionKey, AppFunction>;

    this.machine = new Workflow(this, 'Machine', {
      stateMachineName: props.stateMachineName,
      aslPath: LIFECYCLE_ASL_PATH,
      substitutions: Object.fromEntries(entries.map(([key]) => [key, this.functions[key].fn.functionArn])),
      selfArnKey: 'LifecycleStateMachineArn',
    });

    // open-task re-delivers a decision whose token timed out, with the step's new token;
    // begin-cycle completes the resting step through the same code (it has no token to answer).
    this.machine.grantTaskSuccess(this.functions.OpenTaskFunctionArn.role);
    this.machine.grantTaskSuccess(this.functions.BeginCycleFunctionArn.role);
  }
}
