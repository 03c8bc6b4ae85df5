import type { getModelDetail } from '../../core/use-cases/model-views.ts';
import { hasKey, label, t, type DictKey, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from './format.ts';
import { REGISTRATION_TEXT_FIELDS } from './forms.tsx';
import { Badge, Layout, Notice, type View } from './layout.tsx';
import { LifecycleDiagram } from './lifecycle-diagram.tsx';
import { actionFor, ModelActions, pendingTask, type ActionState } from './model-actions.tsx';
import { Decisions, Timeline } from './model-timeline.tsx';
import type { UserActor } from './page-support.tsx';
import { isOverdue, StatusBadge, type Task } from './tables.tsx';

export type ModelDetail = Awaited<ReturnType<typeof getModelDetail>>;

export type ModelPageProps = {
  view: View;
  actor: UserActor;
  detail: ModelDetail;
  now: Date;
  /** After a successful post: register, decide, revise or report. */
  done?: string;
  state?: ActionState;
};

/** "BOARD#b1" -> "Ban thẩm định (b1)". */
function assigneeLabel(lang: Lang, assignee: string): string {
  const [kind = '', id = ''] = assignee.split('#');
  return kind === 'REVIEW' ? `${label(lang, 'assignee', kind)} ${id}` : `${label(lang, 'assignee', kind)} (${id})`;
}

function Waiting(props: { lang: Lang; task: Task; now: Date }) {
  const { lang, task } = props;
  return (
    <p>
      {t(lang, 'model.waiting')}: <strong>{label(lang, 'stage', task.stage)}</strong> · {t(lang, 'model.assignee')}: {assigneeLabel(lang, task.assignee)} ·{' '}
      {t(lang, 'model.due')}: {formatDate(task.dueAt)} {isOverdue(task, props.now) ? <Badge class="warn">{t(lang, 'task.overdue')}</Badge> : null}
    </p>
  );
}

/** Why the board last returned the registration, for the unit revising it. */
export function lastReturnReason(detail: ModelDetail): string | undefined {
  return detail.events.filter((e) => e.outcome === 'RETURN' && e.reason).sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.reason;
}

export function ModelPage(props: ModelPageProps) {
  const { view, detail, now } = props;
  const { lang } = view;
  const { model } = detail;
  const task = pendingTask(model, detail.tasks);
  const doneKey = `done.${props.done}`;
  return (
    <Layout view={view} title={model.name}>
      <p>
        <a href="/">← {t(lang, 'nav.home')}</a>
      </p>
      <h1>{model.name}</h1>
      {props.done && hasKey(doneKey) ? <Notice kind="ok">{t(lang, doneKey)}</Notice> : null}
      <section class="card" aria-labelledby="status-title">
        <h2 id="status-title">
          {t(lang, 'field.status')}: <StatusBadge lang={lang} status={model.status} />
          {model.overdueStage ? <> <Badge class="warn">{t(lang, 'model.overdue')}: {label(lang, 'stage', model.overdueStage)}</Badge></> : null}
        </h2>
        <LifecycleDiagram lang={lang} status={model.status} />
        {task ? <Waiting lang={lang} task={task} now={now} /> : null}
      </section>
      <ModelActions lang={lang} model={model} action={actionFor(props.actor, task)} state={props.state} returnReason={lastReturnReason(detail)} />
      <section class="card" aria-labelledby="fields-title">
        <h2 id="fields-title">{t(lang, 'model.registration')}</h2>
        <dl class="fields">
          <dt>{t(lang, 'field.kind')}</dt>
          <dd>{label(lang, 'kind', model.kind)}</dd>
          <dt>{t(lang, 'field.area')}</dt>
          <dd>{label(lang, 'area', model.area)}</dd>
          <dt>{t(lang, 'field.year')} / {t(lang, 'field.cycleYear')}</dt>
          <dd>{model.year} / {model.cycleYear}</dd>
          <dt>{t(lang, 'field.unitId')} / {t(lang, 'field.boardId')}</dt>
          <dd>{model.unitId} / {model.boardId}</dd>
          <dt>{t(lang, 'model.createdAt')}</dt>
          <dd>{formatDate(model.createdAt)}</dd>
          {REGISTRATION_TEXT_FIELDS.map((field) => (
            <>
              <dt>{t(lang, `field.${field}` as DictKey)}</dt>
              <dd>{model[field]}</dd>
            </>
          ))}
        </dl>
      </section>
      {model.report ? (
        <section class="card" aria-labelledby="report-title">
          <h2 id="report-title">{t(lang, 'model.report')}</h2>
          <p class="pre">{model.report}</p>
        </section>
      ) : null}
      {model.recognitions.length > 0 ? (
        <section class="card" aria-labelledby="recognitions-title">
          <h2 id="recognitions-title">{t(lang, 'model.recognitions')}</h2>
          <ul>
            {model.recognitions.map((r) => (
              <li>{r.year}: {label(lang, 'level', r.level)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t(lang, 'model.timeline')}</h2>
        <Timeline lang={lang} events={detail.events} />
        <h3>{t(lang, 'model.decisions')}</h3>
        <Decisions lang={lang} decisions={detail.decisions} />
      </section>
    </Layout>
  );
}
