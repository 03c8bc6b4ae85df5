import { Duration, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { YEARLY_REVIEW_SCHEDULE, toEventBridgeCron, type YearlyReviewEvent } from '../../workflows/yearly-review-schedule.ts';
import { AppFunction } from './app-function.ts';
import type { LifecycleWorkflow } from './lifecycle-workflow.ts';

export interface YearlyScheduleProps {
  readonly table: ITableV2;
  readonly workflow: LifecycleWorkflow;
}

/**
 * Starts the yearly review: an EventBridge Scheduler schedule, read in Vietnam's time
 * zone, invokes the yearly-review function, which releases the tokens of the models
 * waiting for that review.
 */
export class YearlySchedule extends Construct {
  readonly handler: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: YearlyScheduleProps) {
    super(scope, id);

    this.handler = new AppFunction(this, 'Handler', {
      handlerName: 'yearly-review',
      description: 'Yearly review: releases the models waiting for it',
      // Pages through every waiting model with throttling-aware retries.
      timeout: Duration.minutes(15),
      environment: {
        TABLE_NAME: props.table.tableName,
        STATE_MACHINE_ARN: props.workflow.stateMachineArn,
      },
    });
    props.table.grantReadWriteData(this.handler.fn);
    props.workflow.grantExecutions(this.handler.fn, 'states:SendTaskSuccess');

    const input: YearlyReviewEvent = { scheduledTime: ContextAttribute.scheduledTime };
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Yearly review of models and exemplars',
      schedule: ScheduleExpression.expression(
        toEventBridgeCron(YEARLY_REVIEW_SCHEDULE),
        TimeZone.of(YEARLY_REVIEW_SCHEDULE.timezone),
      ),
      target: new LambdaInvoke(this.handler.fn, {
        input: ScheduleTargetInput.fromObject(input),
        // Retrying within the day relies on the handler being idempotent (its progress record).
        retryAttempts: 5,
        maxEventAge: Duration.hours(6),
      }),
    });
  }
}
