import { STAGES, STAGE_RULES } from '../../core/lifecycle.ts';
import { AREAS, KINDS, type Model } from '../../core/model.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { codeOptions, Select, TextInput, type FieldErrors } from '../ui/forms.tsx';
import type { BoardRole } from '../../core/actor.ts';
import { Badge } from '../ui/layout.tsx';
import { DataTable, isOverdue, modelHref, sortTasks, type Task } from '../ui/tables.tsx';

export const BOARD_STAGES = STAGES.filter((stage) => STAGE_RULES[stage].assignee === 'BOARD');
export const DUE_FILTERS = ['overdue', '7', '30'] as const;
const FILTERS = { area: AREAS, kind: KINDS, stage: BOARD_STAGES, due: DUE_FILTERS } as const;

export type QueueFilter = Record<keyof typeof FILTERS, string>;
/** What a row shows of its model. */
export type QueueModel = Pick<Model, 'id' | 'name' | 'area' | 'kind'>;
export type QueueRow = { task: Task; model?: QueueModel };

/** The filters from the query string; a value outside its list is an error (and the filter is not applied). */
export function readQueueFilter(lang: Lang, query: (name: string) => string | undefined): { filter: QueueFilter; errors: FieldErrors } {
  const filter = { area: '', kind: '', stage: '', due: '' };
  const errors: FieldErrors = {};
  for (const [name, allowed] of Object.entries(FILTERS) as [keyof QueueFilter, readonly string[]][]) {
    const value = (query(name) ?? '').trim();
    filter[name] = value;
    if (value && !allowed.includes(value)) errors[name] = t(lang, 'board.filterValue');
  }
  return { filter, errors };
}

const DAY_MS = 24 * 3600 * 1000;

/** The board's tasks joined with their models, filtered; soonest due first. */
export function filterQueue(tasks: Task[], models: QueueModel[], filter: QueueFilter, now: Date): QueueRow[] {
  const byId = new Map(models.map((m) => [m.id, m]));
  const rows = sortTasks(tasks).map((task) => ({ task, model: byId.get(task.modelId) }));
  return rows.filter(({ task, model }) => {
    if (filter.area && model?.area !== filter.area) return false;
    if (filter.kind && model?.kind !== filter.kind) return false;
    if (filter.stage && task.stage !== filter.stage) return false;
    if (filter.due === 'overdue') return isOverdue(task, now);
    if (filter.due) return Date.parse(task.dueAt) <= now.getTime() + Number(filter.due) * DAY_MS;
    return true;
  });
}

export function QueueFilterForm(p: { lang: Lang; filter: QueueFilter; errors: FieldErrors }) {
  const { lang, filter, errors } = p;
  return (
    <form method="get" action="/board" role="search" aria-label={t(lang, 'board.filters')}>
      <div class="row four">
        <Select
          lang={lang}
          id="f-area"
          name="area"
          label={t(lang, 'field.area')}
          empty={t(lang, 'board.allAreas')}
          value={filter.area}
          error={errors.area}
          options={codeOptions(lang, 'area', AREAS)}
        />
        <Select
          lang={lang}
          id="f-kind"
          name="kind"
          label={t(lang, 'field.kind')}
          empty={t(lang, 'board.allKinds')}
          value={filter.kind}
          error={errors.kind}
          options={codeOptions(lang, 'kind', KINDS)}
        />
        <Select
          lang={lang}
          id="f-stage"
          name="stage"
          label={t(lang, 'table.stage')}
          empty={t(lang, 'board.allStages')}
          value={filter.stage}
          error={errors.stage}
          options={codeOptions(lang, 'stage', BOARD_STAGES)}
        />
        <Select
          lang={lang}
          id="f-due"
          name="due"
          label={t(lang, 'board.due')}
          empty={t(lang, 'board.anyDue')}
          value={filter.due}
          error={errors.due}
          options={codeOptions(lang, 'due', DUE_FILTERS)}
        />
      </div>
      <div class="buttons">
        <button type="submit">{t(lang, 'board.filterSubmit')}</button>
        <a href="/board">{t(lang, 'board.filterClear')}</a>
      </div>
    </form>
  );
}

/** A queue row's task: the pending step, and the chain role an appraisal waits on. */
export type QueueTask = Task & { waitsOn?: BoardRole };

/**
 * The queue. With `selectable`, registrations to review get a box (form `batch-accept`, outside
 * the table: forms do not nest) so several are accepted at once.
 */
export function QueueTable(p: { lang: Lang; rows: QueueRow[]; now: Date; empty: string; selectable?: boolean }) {
  const { lang, now } = p;
  if (p.rows.length === 0) return <p>{p.empty}</p>;
  const select = p.selectable && p.rows.some(({ task }) => task.stage === 'REGISTRATION_REVIEW');
  return (
    <DataTable
      headers={[
        ...(select ? [t(lang, 'queue.select')] : []),
        t(lang, 'table.name'),
        t(lang, 'table.kind'),
        t(lang, 'table.area'),
        t(lang, 'table.stage'),
        t(lang, 'queue.waitsOn'),
        t(lang, 'table.cycleYear'),
        t(lang, 'table.dueAt'),
      ]}
      rows={p.rows.map(({ task, model }) => {
        const overdue = isOverdue(task, now);
        const name = model?.name ?? task.modelId;
        const waitsOn = (task as QueueTask).waitsOn;
        return {
          class: overdue ? 'overdue' : undefined,
          cells: [
            ...(select
              ? [
                  task.stage === 'REGISTRATION_REVIEW' ? (
                    <input
                      type="checkbox"
                      name="modelIds"
                      value={task.modelId}
                      form="batch-accept"
                      aria-label={t(lang, 'queue.selectLabel', { name })}
                    />
                  ) : (
                    ''
                  ),
                ]
              : []),
            <a href={`${modelHref(task.modelId)}#action`}>{name}</a>,
            label(lang, 'kind', model?.kind),
            label(lang, 'area', model?.area),
            label(lang, 'stage', task.stage),
            waitsOn ? label(lang, 'boardRole', waitsOn) : t(lang, 'queue.anyMember'),
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

/** The form the ticked registrations belong to (their boxes name it with `form=`). */
export function BatchAcceptForm(p: { lang: Lang }) {
  const { lang } = p;
  return (
    <form method="post" action="/board/accept#queue-title" id="batch-accept" class="batch">
      <p class="hint">{t(lang, 'queue.acceptHint')}</p>
      <TextInput id="batch-comment" name="comment" label={t(lang, 'queue.acceptComment')} />
      <button type="submit">{t(lang, 'queue.acceptSelected')}</button>
    </form>
  );
}
