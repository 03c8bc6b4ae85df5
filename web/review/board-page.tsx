import type { Model } from '../../core/model.ts';
import type { ProposalRow } from '../../core/use-cases/proposals.ts';
import { ReceivedProposals } from '../appraisal/proposal-table.tsx';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { BatchAcceptForm, QueueFilterForm, QueueTable, type QueueFilter, type QueueRow } from './board-queue.tsx';
import type { FieldErrors } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { MODEL_LIST_PATH } from '../search/model-list-page.tsx';
import { ModelTable } from '../ui/tables.tsx';

/** Models shown on the board's page, newest first (the list page has them all). */
const NEWEST = 10;

export type BoardPageProps = {
  view: View;
  boardId: string;
  models: Model[];
  /** The queue after filtering, and how many tasks there are in all. */
  rows: QueueRow[];
  total: number;
  filter: QueueFilter;
  errors: FieldErrors;
  /** With the names of their boards and units. */
  proposals: ProposalRow[];
  now: Date;
  /** The chain roles the queue is limited to (a member holding only some), and how many it leaves out. */
  forRoles?: string[];
  hidden?: number;
  /** A leader of the board answers the proposals it received; what the last answer did. */
  canAnswer?: boolean;
  proposalNotice?: { kind: 'ok' | 'error'; text: string };
  /** What a batch accept just did: refused ones with their model's name and reason. */
  batch?: BatchOutcome;
};

export type BatchOutcome = { accepted: number; refused: { name: string; reason: string }[]; noneSelected?: boolean };

function BatchNotice(p: { lang: Lang; batch: BatchOutcome }) {
  const { lang, batch } = p;
  if (batch.noneSelected) return <Notice kind="error">{t(lang, 'queue.noneSelected')}</Notice>;
  return (
    <>
      {batch.accepted > 0 ? <Notice kind="ok">{t(lang, 'queue.accepted', { count: batch.accepted })}</Notice> : null}
      {batch.refused.length > 0 ? (
        <Notice kind="error">
          {t(lang, 'queue.refused', { count: batch.refused.length })}
          <ul>
            {batch.refused.map((r) => (
              <li>{`${r.name}: ${r.reason}`}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
    </>
  );
}

export function BoardPage(props: BoardPageProps) {
  const { view, errors } = props;
  const { lang } = view;
  const invalid = Object.keys(errors).length > 0;
  return (
    <Layout view={view} title={t(lang, 'board.title')}>
      <h1>{t(lang, 'board.title')}</h1>
      <section class="card" aria-labelledby="queue-title">
        <h2 id="queue-title">{t(lang, 'board.queue')}</h2>
        {invalid ? <Notice kind="error">{t(lang, 'board.filterInvalid')}</Notice> : null}
        <QueueFilterForm lang={lang} filter={props.filter} errors={errors} />
        <p class="hint" role="status">
          {t(lang, 'board.shown', { shown: props.rows.length, total: props.total })}
        </p>
        {props.forRoles ? (
          <p class="hint">
            {t(lang, 'queue.forRoles', {
              roles: props.forRoles.map((r) => label(lang, 'boardRole', r)).join(', '),
              hidden: props.hidden ?? 0,
            })}
          </p>
        ) : null}
        {props.batch ? <BatchNotice lang={lang} batch={props.batch} /> : null}
        {props.rows.some((r) => r.task.stage === 'APPRAISAL') ? (
          <p>
            <a href="/board/scoring">{t(lang, 'sheet.open')}</a>
          </p>
        ) : null}
        <QueueTable
          lang={lang}
          rows={props.rows}
          now={props.now}
          selectable
          empty={t(lang, props.total === 0 ? 'board.noTasks' : 'board.noMatch')}
        />
        {props.rows.some((r) => r.task.stage === 'REGISTRATION_REVIEW') ? <BatchAcceptForm lang={lang} /> : null}
      </section>
      <section class="card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t(lang, 'board.proposals')}</h2>
        {props.proposalNotice ? <Notice kind={props.proposalNotice.kind}>{props.proposalNotice.text}</Notice> : null}
        <ReceivedProposals lang={lang} boardId={props.boardId} proposals={props.proposals} canAnswer={props.canAnswer} />
      </section>
      <section class="card" aria-labelledby="models-title">
        <h2 id="models-title">{t(lang, 'board.models')}</h2>
        {/* The newest few; the whole list (paged, searched, filtered) is its own page. */}
        <p class="hint">{t(lang, 'models.newest', { shown: Math.min(NEWEST, props.models.length) })}</p>
        <ModelTable lang={lang} models={props.models.slice(0, NEWEST)} empty={t(lang, 'board.noModels')} />
        <p>
          <a class="button" href={MODEL_LIST_PATH}>
            {t(lang, 'models.open')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
