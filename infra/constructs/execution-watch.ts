import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { EXECUTION_ENDED_FUNCTION } from '../../workflows/lifecycle-functions.ts';
import { grantTable } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import type { Workflow } from './workflow.ts';

export interface ExecutionWatchProps {
  readonly table: ITableV2;
  readonly lifecycle: Workflow;
}

/** The final statuses of an execution, as Step Functions reports them to EventBridge. */
export const ENDED_STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * Orphaned models: an EventBridge rule hands every lifecycle execution that ends (Standard
 * workflows send "Step Functions Execution Status Change" events to the default bus) to a
 * function that lists the model for the administrator when its status still needs that
 * execution: stopped in the console, answered with a forged result, failed or timed out.
 * The function reads the model and its pending task, asks Step Functions whether the task's
 * token is still awaited (SendTaskHeartbeat) and writes the model's attention item.
 */
export class ExecutionWatch extends Construct {
  readonly handler: AppFunction<typeof EXECUTION_ENDED_FUNCTION>;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: ExecutionWatchProps) {
    super(scope, id);
    this.handler = new AppFunction(this, 'Handler', {
      handlerName: EXECUTION_ENDED_FUNCTION,
      description: 'Lists models whose lifecycle execution ended while their status still waits in a step',
      environment: { TABLE_NAME: props.table.tableName },
    });
    grantTable(this.handler.role, props.table, { actions: ['GetItem', 'UpdateItem'] });
    props.lifecycle.grantTaskHeartbeat(this.handler.role);
    this.rule = new Rule(this, 'Rule', {
      description: 'Lifecycle executions that ended: check that their model is not left waiting',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [props.lifecycle.stateMachineArn], status: ENDED_STATUSES },
      },
      // Checking twice is harmless (the item is written by key); EventBridge retries for a day.
      targets: [new LambdaFunction(this.handler.fn, { retryAttempts: 20, maxEventAge: Duration.hours(24) })],
    });
  }
}
