import type { StoredReport } from '../../core/records.ts';
import type { ModelSignals } from '../../core/use-cases/model-signals.ts';
import type { getModelDetail } from '../../core/use-cases/model-views.ts';
import type { ProposalRow } from '../../core/use-cases/proposals.ts';
import type { Lineage } from '../../core/use-cases/replicate-model.ts';
import { hasKey, label, t, type Lang } from '../i18n/dictionary.ts';
import type { AppraisalData } from '../appraisal/appraisal-panel.tsx';
import { DraftSection } from '../registration/draft-section.tsx';
import { EvidenceSection } from '../registration/evidence-section.tsx';
import { formatDate } from '../ui/format.ts';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { latestRecognition, LifecycleDiagram, restingRecognition } from './lifecycle-diagram.tsx';
import { LineageSection } from './lineage-section.tsx';
import { actionFor, ModelActions, pendingTask, type ActionState } from './model-actions.tsx';
import { Decisions, Timeline } from './model-timeline.tsx';
import type { UserActor } from '../ui/page-support.tsx';
import { RecognitionSection } from '../appraisal/recognition-section.tsx';
import { SentProposalsSection } from '../appraisal/proposal-table.tsx';
import { RegistrationDetails, ReportDetails } from '../registration/registration-details.tsx';
import type { PageNames } from './page-names.ts';
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
  /** The proposals sent about the model, for its board and administrators. */
  proposals?: ProposalRow[];
  /** Names in place of the ids the records hold (unit, board, people). */
  names?: PageNames;
};

/** "BOARD#b1" -> "Ban thẩm định: Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh" (its id when the name is unknown). */
function assigneeLabel(lang: Lang, assignee: string, names?: PageNames): string {
  const [kind = '', id = ''] = assignee.split('#');
  if (kind === 'REVIEW') return `${label(lang, 'assignee', kind)} ${id}`;
  const name = kind === 'UNIT' ? names?.unit : kind === 'BOARD' ? names?.board : undefined;
  return name ? `${label(lang, 'assignee', kind)}: ${name}` : `${label(lang, 'assignee', kind)} (${id})`;
}

function Waiting(props: { lang: Lang; task: Task; now: Date; names?: PageNames }) {
  const { lang, task } = props;
  // A resting model waits for its year's review, which has no due date (the task's date is when it began to rest).
  if (task.stage === 'YEARLY_REVIEW') {
    return (
      <p>
        {t(lang, 'model.waiting')}:{' '}
        <strong>
          {label(lang, 'stage', task.stage)} {task.year}
        </strong>
      </p>
    );
  }
  return (
    <p>
      {t(lang, 'model.waiting')}: <strong>{label(lang, 'stage', task.stage)}</strong> · {t(lang, 'model.assignee')}:{' '}
      {assigneeLabel(lang, task.assignee, props.names)} · {t(lang, 'model.due')}: {formatDate(task.dueAt)}{' '}
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
  const last = latestRecognition(model.recognitions);
  const recognized = restingRecognition(model);
  return (
    <Layout view={view} title={model.name}>
      <p>
        <a href="/">← {t(lang, 'nav.home')}</a>
      </p>
      <h1>{model.name}</h1>
      {props.done && hasKey(doneKey) ? <Notice kind="ok">{t(lang, doneKey)}</Notice> : null}
      <section class="card" aria-labelledby="status-title">
        <h2 id="status-title">
          {t(lang, 'field.status')}: <StatusBadge lang={lang} status={recognized ? 'RECOGNIZED' : model.status} />
          {model.overdueStage ? (
            <>
              {' '}
              <Badge class="warn">
                {t(lang, 'model.overdue')}: {label(lang, 'stage', model.overdueStage)}
              </Badge>
            </>
          ) : null}
        </h2>
        {last ? (
          <p class="recognized">{t(lang, 'modelPage.recognized', { level: label(lang, 'level', last.level), year: last.year })}</p>
        ) : null}
        <LifecycleDiagram
          lang={lang}
          status={model.status}
          events={detail.events}
          cycleYear={model.cycleYear}
          recognitions={model.recognitions}
        />
        {task ? <Waiting lang={lang} task={task} now={now} names={props.names} /> : null}
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
      {props.proposals ? <SentProposalsSection lang={lang} proposals={props.proposals} /> : null}
      <RegistrationDetails lang={lang} model={model} names={props.names} />
      <EvidenceSection lang={lang} actor={actor} model={model} evidence={detail.evidence} state={state} />
      <ReportDetails lang={lang} model={model} report={props.report} />
      {props.lineage ? <LineageSection lang={lang} lineage={props.lineage} status={model.status} /> : null}
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t(lang, 'model.timeline')}</h2>
        <Timeline lang={lang} events={detail.events} names={props.names} />
        <h3>{t(lang, 'model.decisions')}</h3>
        <Decisions lang={lang} decisions={detail.decisions} names={props.names} />
      </section>
    </Layout>
  );
}
