import type { Reminder } from '../../core/records.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';

/** Reminders of the unit's overdue revisions and reports (written when a step passes its due date). */
export function RemindersSection(props: { lang: Lang; reminders: Reminder[] }) {
  if (props.reminders.length === 0) return null;
  const { lang } = props;
  return (
    <section class="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t(lang, 'reminders.title')}</h2>
      <ul>
        {props.reminders.map((r) => (
          <li class="overdue">
            <a href={`/models/${encodeURIComponent(r.modelId)}`}>{r.modelName}</a>
            {' — '}
            {label(lang, 'stage', r.stage)} · {t(lang, 'reminders.due')} {formatDate(r.dueAt)} · {t(lang, 'reminders.sent')}{' '}
            {formatDate(r.at)}
          </li>
        ))}
      </ul>
    </section>
  );
}
