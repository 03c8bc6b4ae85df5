import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../core/notifications/notification.ts';

/**
 * Sends through Amazon SES (API v2 SendEmail, "Simple" content: subject, text and HTML), with
 * the configuration set whose event destination reports bounces and complaints
 * (infra/constructs/notifications.ts). SES throttles past the account's sending rate
 * (`TooManyRequestsException`): the send throws, the delivery stays pending and the next round
 * tries it again.
 */
export function sesMailer(from: string, configurationSet: string, client = new SESv2Client({})): Mailer {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          ConfigurationSetName: configurationSet,
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
              Headers: [{ Name: 'X-Notification-Id', Value: mail.messageId }],
            },
          },
        }),
      );
    },
  };
}
