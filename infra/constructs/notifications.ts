import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { grantTable } from '../grants.ts';
import { AppFunction } from './app-function.ts';
import { invokeTarget } from './schedules.ts';

export interface NotificationsProps {
  readonly table: ITableV2;
  /** The domain mail is sent from (its DNS records verify the SES identity: DKIM). */
  readonly mailDomain: string;
  /** The web app's address, which the links in mail point at. */
  readonly webUrl: string;
}

/** How often the outbox of notifications is sent. */
export const NOTIFY_RATE = Duration.minutes(1);

/**
 * Email through Amazon SES: a domain identity (Easy DKIM), a configuration set whose event
 * destination publishes bounces and complaints to an SNS topic (SES developer guide, "Set up
 * event publishing"), a function that records them on the accounts, and the sender scheduled
 * every minute (and once a day for the digests) with `ses:SendEmail` on this identity and
 * configuration set only. The local runtime runs the same rounds against its mail catcher.
 */
export class Notifications extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly bounces: Topic;
  readonly dispatcher: AppFunction<'notify-dispatch'>;
  readonly bounceHandler: AppFunction<'mail-bounce'>;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const { table } = props;
    this.identity = new EmailIdentity(this, 'Identity', { identity: Identity.domain(props.mailDomain) });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {});
    this.bounces = new Topic(this, 'Bounces', { enforceSSL: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(this.bounces),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.dispatcher = new AppFunction(this, 'Dispatch', {
      handlerName: 'notify-dispatch',
      description: 'Sends the notification outbox through SES, and the daily digests',
      environment: {
        TABLE_NAME: table.tableName,
        MAIL_FROM: `Dân vận khéo <no-reply@${props.mailDomain}>`,
        SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        WEB_URL: props.webUrl,
      },
    });
    // Pending events (gsi1), deliveries put once, claimed and marked; the accounts and units listed (gsi1).
    grantTable(this.dispatcher.role, table, { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'], queryIndexes: ['gsi1'] });
    const { account, region, partition } = Stack.of(this);
    Grant.addToPrincipal({
      grantee: this.dispatcher.role,
      actions: ['ses:SendEmail'],
      resourceArns: [
        `arn:${partition}:ses:${region}:${account}:identity/${this.identity.emailIdentityName}`,
        `arn:${partition}:ses:${region}:${account}:configuration-set/${this.configurationSet.configurationSetName}`,
      ],
    });
    const every = new Construct(this, 'Every');
    new Schedule(every, 'Schedule', {
      description: 'Notification outbox round',
      schedule: ScheduleExpression.rate(NOTIFY_RATE),
      // A missed round is covered by the next one.
      target: invokeTarget(every, this.dispatcher.fn, ScheduleTargetInput.fromObject({}), NOTIFY_RATE),
    });
    const daily = new Construct(this, 'Daily');
    new Schedule(daily, 'Schedule', {
      description: 'Daily notification digests (07:00 in Vietnam)',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '0' }),
      // Retrying within hours is safe: digested deliveries leave the digest partition.
      target: invokeTarget(daily, this.dispatcher.fn, ScheduleTargetInput.fromObject({ digest: true }), Duration.hours(6)),
    });

    this.bounceHandler = new AppFunction(this, 'Bounce', {
      handlerName: 'mail-bounce',
      description: 'Records SES bounces and complaints on the accounts with that address',
      environment: { TABLE_NAME: table.tableName },
    });
    grantTable(this.bounceHandler.role, table, { actions: ['GetItem', 'PutItem'], queryIndexes: ['gsi1'] });
    this.bounceHandler.fn.addEventSource(new SnsEventSource(this.bounces));
  }
}
