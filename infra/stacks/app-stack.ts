import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { Alarms } from '../constructs/alarms.ts';
import { ExecutionWatch } from '../constructs/execution-watch.ts';
import { LifecycleWorkflow } from '../constructs/lifecycle-workflow.ts';
import { ReviewWorkflow } from '../constructs/review-workflow.ts';
import { ImportWorkflow } from '../constructs/import-workflow.ts';
import { Schedules } from '../constructs/schedules.ts';
import { Notifications } from '../constructs/notifications.ts';
import { SessionSecret } from '../constructs/session-secret.ts';
import { WebApp } from '../constructs/web-app.ts';

export interface AppStackProps extends StackProps {
  readonly table: ITableV2;
  /** The evidence bucket of the data stack, by its fixed name. */
  readonly evidenceBucketName: string;
  readonly stateMachineName: string;
  readonly reviewStateMachineName: string;
  readonly importStateMachineName: string;
  readonly alarmEmail?: string;
  /** The domain notifications are sent from (SES identity). */
  readonly mailDomain: string;
}

/** The stateless part: lifecycle and review workflows, web app, schedules, the execution watch, session key and alarms. */
export class AppStack extends Stack {
  readonly workflow: LifecycleWorkflow;
  readonly review: ReviewWorkflow;
  readonly imports: ImportWorkflow;
  readonly sessionSecret: SessionSecret;
  readonly web: WebApp;
  readonly schedules: Schedules;
  readonly notifications: Notifications;
  readonly executionWatch: ExecutionWatch;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    const { table } = props;
    this.workflow = new LifecycleWorkflow(this, 'Lifecycle', { table, stateMachineName: props.stateMachineName });
    const lifecycle = this.workflow.machine;
    this.review = new ReviewWorkflow(this, 'Review', { table, lifecycle, stateMachineName: props.reviewStateMachineName });
    this.imports = new ImportWorkflow(this, 'Import', { table, lifecycle, stateMachineName: props.importStateMachineName });
    this.sessionSecret = new SessionSecret(this, 'Session');
    this.web = new WebApp(this, 'Web', {
      table,
      lifecycle,
      review: this.review.machine,
      imports: this.imports.machine,
      sessionSecret: this.sessionSecret.secret,
      evidenceBucketName: props.evidenceBucketName,
    });
    this.schedules = new Schedules(this, 'Schedules', { table, lifecycle, review: this.review.machine });
    this.executionWatch = new ExecutionWatch(this, 'ExecutionWatch', { table, lifecycle });
    this.notifications = new Notifications(this, 'Notifications', { table, mailDomain: props.mailDomain, webUrl: this.web.url.url });
    this.alarms = new Alarms(this, 'Alarms', {
      functions: [
        ...Object.values(this.workflow.functions),
        ...Object.values(this.review.functions),
        this.imports.chunk,
        this.web.handler,
        this.schedules.yearlyReview,
        this.schedules.outboxSweeper,
        this.executionWatch.handler,
        this.notifications.dispatcher,
        this.notifications.bounceHandler,
      ],
      stateMachines: {
        Lifecycle: lifecycle.stateMachine,
        Review: this.review.machine.stateMachine,
        Import: this.imports.machine.stateMachine,
      },
      web: this.web.handler,
      table,
      email: props.alarmEmail,
    });
    new CfnOutput(this, 'WebUrl', { value: this.web.url.url, description: 'Web app (HTTPS)' });
    new CfnOutput(this, 'StateMachineArn', { value: lifecycle.stateMachineArn });
    new CfnOutput(this, 'ReviewStateMachineArn', { value: this.review.machine.stateMachineArn });
    new CfnOutput(this, 'ImportStateMachineArn', { value: this.imports.machine.stateMachineArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Alarm notifications: subscribe here' });
  }
}
