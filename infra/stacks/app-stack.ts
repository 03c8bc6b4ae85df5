import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { LifecycleWorkflow } from '../constructs/lifecycle-workflow.ts';
import { WebApp } from '../constructs/web-app.ts';
import { YearlySchedule } from '../constructs/yearly-schedule.ts';

export interface AppStackProps extends StackProps {
  readonly table: ITableV2;
  readonly stateMachineName: string;
}

/** The stateless part: lifecycle workflow, web app and yearly schedule. */
export class AppStack extends Stack {
  readonly workflow: LifecycleWorkflow;
  readonly web: WebApp;
  readonly yearly: YearlySchedule;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { table } = props;
    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', { table, stateMachineName: props.stateMachineName });
    this.web = new WebApp(this, 'Web', { table, workflow: this.workflow });
    this.yearly = new YearlySchedule(this, 'YearlyReview', { table, workflow: this.workflow });
    new CfnOutput(this, 'StateMachineArn', { value: this.workflow.stateMachineArn });
  }
}
