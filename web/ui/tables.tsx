import type { Child } from 'hono/jsx';
import type { Model } from '../../core/model.ts';
import type { publicTask } from '../../core/use-cases/model-views.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from './format.ts';
import { Badge } from './layout.tsx';

export type Task = ReturnType<typeof publicTask>;

export const modelHref = (id: string) => `/models/${encodeURIComponent(id)}`;

/** Soonest due first. */
export function sortTasks<T extends { dueAt: string }>(tasks: T[]): T[] {
  return [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Flagged by the workflow, or past its due date already. */
export function isOverdue(task: { overdue?: boolean; dueAt: string }, now: Date): boolean {
  return task.overdue === true || Date.parse(task.dueAt) < now.getTime();
}

export function StatusBadge(props: { lang: Lang; status: Model['status'] }) {
  return <Badge class={`status-${props.status}`}>{label(props.lang, 'status', props.status)}</Badge>;
}

/** A table that stacks into labelled rows on a phone (each cell carries its column name). */
export function DataTable(props: { headers: string[]; rows: { class?: string; cells: Child[] }[] }) {
  return (
    <div class="table-wrap">
      <table class="stack">
        <thead>
          <tr>
            {props.headers.map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr class={row.class}>
              {row.cells.map((cell, i) => (
                <td data-label={props.headers[i]}>
                  <div>{cell}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ModelTable(props: { lang: Lang; models: Model[]; empty: string }) {
  const { lang, models } = props;
  if (models.length === 0) return <p>{props.empty}</p>;
  return (
    <DataTable
      headers={[t(lang, 'table.name'), t(lang, 'table.kind'), t(lang, 'table.area'), t(lang, 'table.status'), t(lang, 'table.cycleYear')]}
      rows={models.map((m) => ({
        cells: [
          <a href={modelHref(m.id)}>{m.name}</a>,
          label(lang, 'kind', m.kind),
          label(lang, 'area', m.area),
          <StatusBadge lang={lang} status={m.status} />,
          m.cycleYear,
        ],
      }))}
    />
  );
}

/** A queue: soonest due first, overdue rows highlighted; names come from the models list when known. */
export function TaskTable(props: { lang: Lang; tasks: Task[]; models: Model[]; now: Date; empty: string }) {
  const { lang, now } = props;
  if (props.tasks.length === 0) return <p>{props.empty}</p>;
  const names = new Map(props.models.map((m) => [m.id, m.name]));
  return (
    <DataTable
      headers={[t(lang, 'table.name'), t(lang, 'table.stage'), t(lang, 'table.cycleYear'), t(lang, 'table.dueAt')]}
      rows={sortTasks(props.tasks).map((task) => {
        const overdue = isOverdue(task, now);
        return {
          class: overdue ? 'overdue' : undefined,
          cells: [
            <a href={`${modelHref(task.modelId)}#action`}>{names.get(task.modelId) ?? task.modelId}</a>,
            label(lang, 'stage', task.stage),
            task.year,
            <>
              {formatDate(task.dueAt)} {overdue ? <Badge class="warn">{t(lang, 'task.overdue')}</Badge> : null}
            </>,
          ],
        };
      })}
    />
  );
}
