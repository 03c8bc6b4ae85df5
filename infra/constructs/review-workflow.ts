import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { REVIEW_ASL_PATH, REVIEW_FUNCTIONS } from '../../workflows/review-functions.ts';
import { grantTable, type TableAccess } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import { Workflow } from './workflow.ts';

type ReviewFunctionKey = keyof typeof REVIEW_FUNCTIONS;

export interface ReviewWorkflowProps {
  readonly table: ITableV2;
  readonly stateMachineName: string;
  /** The lifecycle machine whose cycle executions the review starts. */
  readonly lifecycle: Workflow;
}

/** What each step does to the table (test/infra/least-privilege checks it against the code). */
const ACCESS: Record<ReviewFunctionKey, TableAccess> = {
  // Counts what waits (one Query of the statistics items), creates the progress record.
  ReviewInitFunctionArn: { actions: ['GetItem', 'PutItem', 'Query'] },
  // The next board (gsi1 ORG#BOARD) and one page of its AWAIT_REVIEW partition (gsi1).
  ReviewFetchPageFunctionArn: { actions: [], queryIndexes: ['gsi1'] },
  // Reads the batch's models (BatchGetItem) before starting their cycle executions.
  ReviewReleaseFunctionArn: { actions: ['BatchGetItem'] },
  // Adds a page's counts to the progress record.
  ReviewProgressFunctionArn: { actions: ['UpdateItem'] },
};

/**
 * The yearly review fan-out: workflows/yearly-review.asl.json pages through the models
 * waiting for the review (an inline Map per page) and releases their lifecycle steps,
 * with a progress record. One function per REVIEW_FUNCTIONS entry.
 */
export class ReviewWorkflow extends Construct {
  readonly functions: Record<ReviewFunctionKey, AppFunction>;
  readonly machine: Workflow;

  constructor(scope: Construct, id: string, props: ReviewWorkflowProps) {
    super(scope, id);
    const entries = Object.entries(REVIEW_FUNCTIONS) as Array<[ReviewFunctionKey, (typeof REVIEW_FUNCTIONS)[ReviewFunctionKey]]>;
    this.functions = Object.fromEntries(
      entries.map(([key, handlerName]) => {
        const fn = new AppFunction(this, key.replace(/^Review|FunctionArn$/g, ''), {
          handlerName,
          description: `Yearly review task ${handlerName}`,
          environment: { TABLE_NAME: props.table.tableName },
        });
        grantTable(fn.role, props.table, ACCESS[key]);
        return [key, fn];
      }),
    ) as Record<ReviewFunctionKey, AppFunction>;
    // Releasing a model starts its cycle execution of the lifecycle machine.
    props.lifecycle.grantStartExecution(this.functions.ReviewReleaseFunctionArn.role);

    this.machine = new Workflow(this, 'Machine', {
      stateMachineName: props.stateMachineName,
      aslPath: REVIEW_ASL_PATH,
      substitutions: {
        ...Object.fromEntries(entries.map(([key]) => [key, this.functions[key].fn.functionArn])),
        LifecycleStateMachineArn: props.lifecycle.stateMachineArn,
      },
      // A long review goes on in a new execution of its own machine (history stays small).
      selfArnKey: 'ReviewStateMachineArn',
    });
  }
}
