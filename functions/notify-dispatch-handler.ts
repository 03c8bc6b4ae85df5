import middy from '@middy/core';
import { dispatchNotifications, sendDigests } from '../core/use-cases/notifications.ts';
import { renderNotificationMail } from '../web/notifications/notification-mail.ts';
import { MailEnvSchema, readEnv } from './shared/env.ts';
import { count, logger, observability } from './shared/observability.ts';
import { sesMailer } from './shared/ses-mailer.ts';
import { stepDeps } from './shared/step-handler.ts';

// Environment checked at cold start.
const env = readEnv(MailEnvSchema);
const deps = {
  ...stepDeps(),
  mailer: sesMailer(env.MAIL_FROM, env.SES_CONFIGURATION_SET),
  render: renderNotificationMail,
  baseUrl: env.WEB_URL,
};

/**
 * Scheduled by EventBridge Scheduler: every minute the outbox round (each event to each
 * recipient once), once a day `{ "digest": true }` the digests.
 */
export const handler = middy<{ digest?: boolean }>()
  .use(observability())
  .handler(async (event, context) => {
    // A backlog larger than one invocation can send is left for the next minute's (claims lapse, nothing is sent twice).
    const goOn = () => context.getRemainingTimeInMillis() > 10_000;
    const sent = event?.digest ? await sendDigests(deps) : await dispatchNotifications(deps, goOn);
    if (sent > 0) {
      count(event?.digest ? 'DigestsSent' : 'NotificationsSent', sent);
      logger.info('notifications sent', { sent, digest: Boolean(event?.digest) });
    }
    return { sent };
  });
