import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';

export interface AlarmsProps {
  /** Functions whose errors and throttles page someone. */
  readonly functions: readonly AppFunction[];
  /** By a short name for the alarms' ids, e.g. { Lifecycle: machine }. */
  readonly stateMachines: Readonly<Record<string, StateMachine>>;
  /** The function behind the public URL: its 5xx responses. */
  readonly web: AppFunction;
  readonly table: ITableV2;
  /** Subscribed by e-mail when given (the address must confirm the subscription). */
  readonly email?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms on what needs a person: failed or timed-out executions, task (function) errors,
 * throttling of functions, executions and the table, and 5xx answers of the web app.
 * Each alarm fires on the first occurrence in five minutes and notifies one SNS topic.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    // A customer-managed key: CloudWatch cannot publish to a topic encrypted with the
    // AWS-managed SNS key, because that key's policy cannot grant it.
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Dan van kheo alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'Dan van kheo alarms', masterKey: key, enforceSSL: true });
    // enforceSSL makes the topic policy (a Deny of plain HTTP) the only policy, so CloudWatch
    // needs its own Allow: the alarms of this account, and no other account's.
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarms',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));

    for (const [name, machine] of Object.entries(props.stateMachines)) {
      this.add(
        `${name}Failed`,
        'Executions failed or timed out',
        new MathExpression({
          expression: 'failed + timedOut',
          usingMetrics: { failed: machine.metricFailed({ period: PERIOD }), timedOut: machine.metricTimedOut({ period: PERIOD }) },
          period: PERIOD,
        }),
      );
      this.add(`${name}Throttled`, 'Executions throttled', machine.metricThrottled({ period: PERIOD }));
    }
    for (const fn of props.functions) {
      const name = fn.handlerName.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
      this.add(`${name}Errors`, `Errors of ${fn.handlerName}`, fn.fn.metricErrors({ period: PERIOD }));
      this.add(`${name}Throttles`, `Throttles of ${fn.handlerName}`, fn.fn.metricThrottles({ period: PERIOD }));
    }
    this.add('Web5xx', 'Web app answered 5xx', props.web.fn.metric('Url5xxCount', { statistic: 'Sum', period: PERIOD }));
    this.add(
      'TableThrottles',
      'Table reads or writes throttled',
      new MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: props.table.metric('ReadThrottleEvents', { statistic: 'Sum', period: PERIOD }),
          writes: props.table.metric('WriteThrottleEvents', { statistic: 'Sum', period: PERIOD }),
        },
        period: PERIOD,
      }),
    );
  }

  private add(id: string, description: string, metric: IMetric): void {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: `Dan van kheo: ${description}`,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
