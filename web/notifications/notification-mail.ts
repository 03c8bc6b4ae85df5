import { html } from 'hono/html';
import type { NotificationEvent, RenderMail } from '../../core/notifications/notification.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';

/** One event's subject and sentence in the reader's language. */
function lines(lang: Lang, event: NotificationEvent) {
  const p = event.params;
  const values = {
    model: p.modelName ?? '',
    stage: label(lang, 'stage', p.stage),
    outcome: label(lang, 'outcome', p.outcome),
    due: formatDate(p.dueAt),
    year: p.year ?? '',
    number: p.number ?? '',
    count: p.count ?? '',
  };
  return { subject: t(lang, `mail.${event.type}.subject`, values), body: t(lang, `mail.${event.type}.body`, values) };
}

/**
 * A notification email: plain text and HTML (every value escaped), in the reader's language,
 * with the absolute link to act. Several events make a digest.
 */
export const renderNotificationMail: RenderMail = (events, reader, baseUrl) => {
  const lang = reader.lang;
  const items = events.map((e) => ({ ...lines(lang, e), link: new URL(e.link, baseUrl).toString() }));
  const digest = events.length > 1;
  const subject = digest ? t(lang, 'mail.digest.subject', { count: events.length }) : items[0]!.subject;
  const greeting = t(lang, 'mail.greeting', { name: reader.displayName });
  const footer = t(lang, 'mail.footer');
  const text = [
    greeting,
    '',
    ...(digest ? [t(lang, 'mail.digest.intro'), ''] : []),
    ...items.flatMap((i) => [digest ? `- ${i.body}` : i.body, `  ${t(lang, 'mail.act', { link: i.link })}`, '']),
    '--',
    footer,
  ].join('\n');
  const body = html`<!DOCTYPE html>
    <html lang="${lang}">
      <body style="font-family: Arial, sans-serif; line-height: 1.5">
        <p>${greeting}</p>
        ${digest ? html`<p>${t(lang, 'mail.digest.intro')}</p>` : ''}
        <ul>
          ${items.map((i) => html`<li>${i.body} <a href="${i.link}">${t(lang, 'mail.actLink')}</a></li>`)}
        </ul>
        <p style="color: #555; font-size: 0.9em">${footer}</p>
      </body>
    </html>`;
  // Nothing asynchronous inside, so hono's template gives its escaped string at once (a String object).
  if (body instanceof Promise) throw new Error('mail body rendered asynchronously');
  return { subject, text, html: body.toString() };
};
