import type { AuditEvent, Recognition } from '../../core/model.ts';
import type { Decision } from '../../core/records.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { Badge } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';
import { personName, type PageNames } from './page-names.ts';

type TrailStep = { role: string; action: string; actor: string; at: string; reason?: string };

const byTime = <T extends { at: string }>(items: T[]) => [...items].sort((a, b) => a.at.localeCompare(b.at));

/** A decision's details (reason, comment, level, stop reason) as readable lines. */
export function decisionDetails(lang: Lang, details: Record<string, unknown>, names?: PageNames): string[] {
  const text = (key: string) => (typeof details[key] === 'string' ? details[key] : undefined);
  const lines: string[] = [];
  if (text('level')) lines.push(`${t(lang, 'field.level')}: ${label(lang, 'level', text('level'))}`);
  if (text('stopReason')) lines.push(`${t(lang, 'field.stopReason')}: ${label(lang, 'stopReason', text('stopReason'))}`);
  if (text('reason')) lines.push(`${t(lang, 'field.reason')}: ${text('reason')}`);
  if (text('comment')) lines.push(`${t(lang, 'decision.comment')}: ${text('comment')}`);
  // A published appraisal: its total, the recognition decision, and who acted along the chain.
  if (typeof details.total === 'number')
    lines.push(`${t(lang, 'decision.total')}: ${details.total}/${typeof details.maxTotal === 'number' ? details.maxTotal : ''}`);
  const recognition = details.recognition as Recognition | undefined;
  if (recognition?.number) {
    lines.push(
      t(lang, 'decision.number', {
        number: recognition.number,
        date: formatDate(recognition.date),
        issuingBody: recognition.issuingBody ?? '',
      }),
    );
  }
  for (const step of Array.isArray(details.trail) ? (details.trail as TrailStep[]) : []) {
    lines.push(
      `${label(lang, 'boardRole', step.role)}: ${label(lang, 'trail', step.action)} (${personName(lang, names, step.actor)}, ${formatDateTime(step.at)})${step.reason ? ` ${step.reason}` : ''}`,
    );
  }
  return lines;
}

/** "quang-ninh.xlsx #12" (what the import keeps) as "Tệp quang-ninh.xlsx, dòng 12". */
function importedFrom(lang: Lang, reason = ''): string {
  const match = /^(.*) #(\d+)$/.exec(reason);
  return match ? t(lang, 'timeline.importedFrom', { file: match[1]!, row: match[2]! }) : reason;
}

export function Timeline(props: { lang: Lang; events: AuditEvent[]; names?: PageNames }) {
  const { lang } = props;
  if (props.events.length === 0) return <p>{t(lang, 'model.noEvents')}</p>;
  return (
    <DataTable
      headers={[
        t(lang, 'timeline.at'),
        t(lang, 'timeline.change'),
        t(lang, 'timeline.stage'),
        t(lang, 'timeline.actor'),
        t(lang, 'timeline.reason'),
      ]}
      rows={byTime(props.events).map((e) => ({
        class: e.type === 'OVERDUE' ? 'overdue' : undefined,
        cells: [
          formatDateTime(e.at),
          e.type === 'OVERDUE' ? (
            <Badge class="warn">{t(lang, 'timeline.overdue')}</Badge>
          ) : e.type === 'MOVED' ? (
            <>
              <Badge>{t(lang, 'unitChange.moved')}</Badge>{' '}
              {t(lang, 'unitChange.movedDetail', { from: e.fromUnitId ?? '', to: e.toUnitId ?? '' })}
            </>
          ) : e.type === 'IMPORTED' ? (
            <>
              <Badge>{t(lang, 'timeline.imported')}</Badge>{' '}
              {t(lang, 'timeline.importedReached', { status: label(lang, 'status', e.outcome) })}
            </>
          ) : e.type === 'RECOVERED' ? (
            <Badge>{t(lang, 'timeline.recovered')}</Badge>
          ) : (
            `${e.from ? `${label(lang, 'status', e.from)} → ` : ''}${label(lang, 'status', e.to)}`
          ),
          e.type === 'IMPORTED' ? '' : `${label(lang, 'stage', e.stage)}${e.outcome ? ` (${label(lang, 'outcome', e.outcome)})` : ''}`,
          personName(lang, props.names, e.actor),
          <span class="pre">{e.type === 'IMPORTED' ? importedFrom(lang, e.reason) : (e.reason ?? '')}</span>,
        ],
      }))}
    />
  );
}

export function Decisions(props: { lang: Lang; decisions: Decision[]; names?: PageNames }) {
  const { lang } = props;
  if (props.decisions.length === 0) return <p>{t(lang, 'model.noDecisions')}</p>;
  return (
    <DataTable
      headers={[
        t(lang, 'timeline.at'),
        t(lang, 'timeline.stage'),
        t(lang, 'table.cycleYear'),
        t(lang, 'decision.outcome'),
        t(lang, 'timeline.actor'),
        t(lang, 'timeline.reason'),
      ]}
      rows={byTime(props.decisions).map((d) => ({
        cells: [
          formatDateTime(d.at),
          `${label(lang, 'stage', d.stage)} (${t(lang, 'decision.round')} ${d.round})`,
          d.year,
          label(lang, 'outcome', d.outcome),
          personName(lang, props.names, d.actor),
          <>
            {decisionDetails(lang, d.details ?? {}, props.names).map((line) => (
              <div class="pre">{line}</div>
            ))}
          </>,
        ],
      }))}
    />
  );
}
