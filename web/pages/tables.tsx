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

export function ModelTable(props: { lang: Lang; models: Model[]; empty: string }) {
  const { lang, models } = props;
  if (models.length === 0) return <p>{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'table.name')}</th>
            <th scope="col">{t(lang, 'table.kind')}</th>
            <th scope="col">{t(lang, 'table.area')}</th>
            <th scope="col">{t(lang, 'table.status')}</th>
            <th scope="col">{t(lang, 'table.cycleYear')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => (
            <tr>
              <td><a href={modelHref(m.id)}>{m.name}</a></td>
              <td>{label(lang, 'kind', m.kind)}</td>
              <td>{label(lang, 'area', m.area)}</td>
              <td><StatusBadge lang={lang} status={m.status} /></td>
              <td>{m.cycleYear}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A queue: soonest due first, overdue rows highlighted; names come from the models list when known. */
export function TaskTable(props: { lang: Lang; tasks: Task[]; models: Model[]; now: Date; empty: string }) {
  const { lang, now } = props;
  if (props.tasks.length === 0) return <p>{props.empty}</p>;
  const names = new Map(props.models.map((m) => [m.id, m.name]));
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'table.name')}</th>
            <th scope="col">{t(lang, 'table.stage')}</th>
            <th scope="col">{t(lang, 'table.cycleYear')}</th>
            <th scope="col">{t(lang, 'table.dueAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sortTasks(props.tasks).map((task) => {
            const overdue = isOverdue(task, now);
            return (
              <tr class={overdue ? 'overdue' : undefined}>
                <td><a href={`${modelHref(task.modelId)}#action`}>{names.get(task.modelId) ?? task.modelId}</a></td>
                <td>{label(lang, 'stage', task.stage)}</td>
                <td>{task.year}</td>
                <td>
                  {formatDate(task.dueAt)} {overdue ? <Badge class="warn">{t(lang, 'task.overdue')}</Badge> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
