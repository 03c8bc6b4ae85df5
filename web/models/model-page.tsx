import type { StoredReport } from '../../core/records.ts';
import type { ModelSignals } from '../../core/use-cases/model-signals.ts';
import type { getModelDetail } from '../../core/use-cases/model-views.ts';
import type { Lineage } from '../../core/use-cases/replicate-model.ts';
import { hasKey, label, t, type Lang } from '../i18n/dictionary.ts';
import type { AppraisalData } from '../appraisal/appraisal-panel.tsx';
import { DraftSection } from '../registration/draft-section.tsx';
import { EvidenceSection } from '../registration/evidence-section.tsx';
import { formatDate } from '../ui/format.ts';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { LifecycleDiagram } from './lifecycle-diagram.tsx';
import { LineageSection } from './lineage-section.tsx';
import { actionFor, ModelActions, pendingTask, type ActionState } from './model-actions.tsx';
import { Decisions, Timeline } from './model-timeline.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { RecognitionSection } from '../appraisal/recognition-section.tsx';
import { RegistrationDetails, ReportDetails } from '../registration/registration-details.tsx';
import { SignalsSection } from './signals-section.tsx';
import { isOverdue, StatusBadge, type Task } from '../ui/tables.tsx';

export type ModelDetail = Awaited<ReturnType<typeof getModelDetail>>;

export type ModelPageProps = {
  view: View;
  actor: UserActor;
  detail: ModelDetail;
  now: Date;
  /** After a successful post: register, draft, decide, revise, report, score, ... (a `done.*` key). */
  done?: string;
  state?: ActionState;
  /** The criteria set and the appraisal in progress, for the board while the appraisal waits. */
  appraisal?: AppraisalData;
  signals?: ModelSignals;
  lineage?: Lineage;
  /** The latest yearly report, with its indicator values. */
  report?: StoredReport;
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
      {t(lang, 'model.waiting')}: <strong>{label(lang, 'stage', task.stage)}</strong> · {t(lang, 'model.assignee')}:{' '}
      {assigneeLabel(lang, task.assignee)} · {t(lang, 'model.due')}: {formatDate(task.dueAt)}{' '}
      {isOverdue(task, props.now) ? <Badge class="warn">{t(lang, 'task.overdue')}</Badge> : null}
    </p>
  );
}

/** Why the board last returned the registration, for the unit revising it. */
export function lastReturnReason(detail: ModelDetail): string | undefined {
  return detail.events
    .filter((e) => e.outcome === 'RETURN' && e.reason)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1)?.reason;
}

export function ModelPage(props: ModelPageProps) {
  const { view, detail, now, actor, state } = props;
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
          {model.overdueStage ? (
            <>
              {' '}
              <Badge class="warn">
                {t(lang, 'model.overdue')}: {label(lang, 'stage', model.overdueStage)}
              </Badge>
            </>
          ) : null}
        </h2>
        <LifecycleDiagram lang={lang} status={model.status} />
        {task ? <Waiting lang={lang} task={task} now={now} /> : null}
      </section>
      {/* Just submitted: the workflow moves the draft on in a moment; no edit form meanwhile. */}
      {props.done === 'register' ? null : <DraftSection lang={lang} actor={actor} model={model} state={state} />}
      {props.signals ? <SignalsSection lang={lang} data={props.signals} /> : null}
      <ModelActions
        lang={lang}
        actor={actor}
        model={model}
        action={actionFor(actor, task)}
        appraisal={props.appraisal}
        state={state}
        returnReason={lastReturnReason(detail)}
      />
      <RecognitionSection lang={lang} actor={actor} model={model} state={state} />
      <RegistrationDetails lang={lang} model={model} />
      <EvidenceSection lang={lang} actor={actor} model={model} evidence={detail.evidence} state={state} />
      <ReportDetails lang={lang} model={model} report={props.report} />
      {props.lineage ? <LineageSection lang={lang} lineage={props.lineage} status={model.status} /> : null}
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t(lang, 'model.timeline')}</h2>
        <Timeline lang={lang} events={detail.events} />
        <h3>{t(lang, 'model.decisions')}</h3>
        <Decisions lang={lang} decisions={detail.decisions} />
      </section>
    </Layout>
  );
}
