import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput, type IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { YEARLY_REVIEW_SCHEDULE, toEventBridgeCron, type YearlyReviewEvent } from '../../workflows/yearly-review-schedule.ts';
import { grantTable } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import type { Workflow } from './workflow.ts';

export interface SchedulesProps {
  readonly table: ITableV2;
  readonly lifecycle: Workflow;
  readonly review: Workflow;
}

/** How often undelivered decisions are handed to Step Functions again. */
export const OUTBOX_SWEEP_RATE = Duration.minutes(5);

/**
 * Invokes exactly one function with its own role (aws-scheduler-targets' LambdaInvoke
 * would also allow every version and alias of it, `function:*`).
 */
export function invokeTarget(scope: Construct, fn: IFunction, input: ScheduleTargetInput, maxEventAge: Duration): IScheduleTarget {
  const role = new Role(scope, 'SchedulerRole', {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    }),
  });
  role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
  return {
    bind: () => ({
      arn: fn.functionArn,
      role,
      input,
      retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeInSeconds: maxEventAge.toSeconds() },
    }),
  };
}

/**
 * EventBridge Scheduler jobs. The yearly review fires once a year, read in Vietnam's time
 * zone, and starts the review state machine; the outbox sweeper delivers decisions
 * whose SendTaskSuccess failed (the local runtime runs the same sweep in-process).
 */
export class Schedules extends Construct {
  readonly yearlyReview: AppFunction<'yearly-review'>;
  readonly outboxSweeper: AppFunction<'outbox-sweeper'>;
  readonly yearlySchedule: Schedule;
  readonly sweepSchedule: Schedule;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const { table, lifecycle, review } = props;

    const yearly = new Construct(this, 'YearlyReview');
    this.yearlyReview = new AppFunction(yearly, 'Handler', {
      handlerName: 'yearly-review',
      description: 'Yearly review: starts the review state machine for the year',
      environment: {
        TABLE_NAME: table.tableName,
        STATE_MACHINE_ARN: lifecycle.stateMachineArn,
        REVIEW_STATE_MACHINE_ARN: review.stateMachineArn,
      },
    });
    // Reads the review's progress record, starts the review execution (the machine does the rest),
    // and records the notification that it opened (for ALL, the boards listed from gsi1).
    grantTable(this.yearlyReview.role, table, { actions: ['GetItem', 'PutItem'], queryIndexes: ['gsi1'] });
    review.grantStartExecution(this.yearlyReview.role);
    const input: YearlyReviewEvent = { scheduledTime: ContextAttribute.scheduledTime };
    this.yearlySchedule = new Schedule(yearly, 'Schedule', {
      description: 'Yearly review of models and exemplars',
      schedule: ScheduleExpression.expression(toEventBridgeCron(YEARLY_REVIEW_SCHEDULE), TimeZone.of(YEARLY_REVIEW_SCHEDULE.timezone)),
      // Retrying within the day is safe: the review execution's name is per scope and year.
      target: invokeTarget(yearly, this.yearlyReview.fn, ScheduleTargetInput.fromObject(input), Duration.hours(6)),
    });

    const sweeper = new Construct(this, 'OutboxSweeper');
    this.outboxSweeper = new AppFunction(sweeper, 'Handler', {
      handlerName: 'outbox-sweeper',
      description: 'Delivers recorded decisions that did not reach Step Functions',
      environment: { TABLE_NAME: table.tableName },
    });
    // Pages the OUTBOX partition of gsi1, answers each token, marks it delivered.
    grantTable(this.outboxSweeper.role, table, { actions: ['UpdateItem'], queryIndexes: ['gsi1'] });
    lifecycle.grantTaskSuccess(this.outboxSweeper.role);
    this.sweepSchedule = new Schedule(sweeper, 'Schedule', {
      description: 'Outbox sweep of undelivered decisions',
      schedule: ScheduleExpression.rate(OUTBOX_SWEEP_RATE),
      // A missed sweep is covered by the next one.
      target: invokeTarget(sweeper, this.outboxSweeper.fn, ScheduleTargetInput.fromObject({}), OUTBOX_SWEEP_RATE),
    });
  }
}
