import type { AuditEvent } from '../../core/model.ts';
import type { Decision } from '../../core/store/model-store.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDateTime } from './format.ts';
import { Badge } from './layout.tsx';

const byTime = <T extends { at: string }>(items: T[]) => [...items].sort((a, b) => a.at.localeCompare(b.at));

/** A decision's details (reason, comment, level, stop reason) as readable lines. */
export function decisionDetails(lang: Lang, details: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : undefined);
  const lines: string[] = [];
  if (text('level')) lines.push(`${t(lang, 'field.level')}: ${label(lang, 'level', text('level'))}`);
  if (text('stopReason')) lines.push(`${t(lang, 'field.stopReason')}: ${label(lang, 'stopReason', text('stopReason'))}`);
  if (text('reason')) lines.push(`${t(lang, 'field.reason')}: ${text('reason')}`);
  if (text('comment')) lines.push(`${t(lang, 'decision.comment')}: ${text('comment')}`);
  return lines;
}

export function Timeline(props: { lang: Lang; events: AuditEvent[] }) {
  const { lang } = props;
  if (props.events.length === 0) return <p>{t(lang, 'model.noEvents')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'timeline.at')}</th>
            <th scope="col">{t(lang, 'timeline.change')}</th>
            <th scope="col">{t(lang, 'timeline.stage')}</th>
            <th scope="col">{t(lang, 'timeline.actor')}</th>
            <th scope="col">{t(lang, 'timeline.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {byTime(props.events).map((e) => (
            <tr class={e.type === 'OVERDUE' ? 'overdue' : undefined}>
              <td>{formatDateTime(e.at)}</td>
              <td>
                {e.type === 'OVERDUE' ? (
                  <Badge class="warn">{t(lang, 'timeline.overdue')}</Badge>
                ) : (
                  <>{e.from ? `${label(lang, 'status', e.from)} → ` : ''}{label(lang, 'status', e.to)}</>
                )}
              </td>
              <td>
                {label(lang, 'stage', e.stage)}
                {e.outcome ? ` (${label(lang, 'outcome', e.outcome)})` : ''}
              </td>
              <td>{e.actor}</td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Decisions(props: { lang: Lang; decisions: Decision[] }) {
  const { lang } = props;
  if (props.decisions.length === 0) return <p>{t(lang, 'model.noDecisions')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'timeline.at')}</th>
            <th scope="col">{t(lang, 'timeline.stage')}</th>
            <th scope="col">{t(lang, 'table.cycleYear')}</th>
            <th scope="col">{t(lang, 'decision.outcome')}</th>
            <th scope="col">{t(lang, 'timeline.actor')}</th>
            <th scope="col">{t(lang, 'timeline.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {byTime(props.decisions).map((d) => (
            <tr>
              <td>{formatDateTime(d.at)}</td>
              <td>
                {label(lang, 'stage', d.stage)} ({t(lang, 'decision.round')} {d.round})
              </td>
              <td>{d.year}</td>
              <td>{label(lang, 'outcome', d.outcome)}</td>
              <td>{d.actor}</td>
              <td>
                {decisionDetails(lang, d.details ?? {}).map((line) => (
                  <div>{line}</div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
