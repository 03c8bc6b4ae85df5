import type { Model } from '../../core/model.ts';
import type { Proposal } from '../../core/use-cases/proposals.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { QueueFilterForm, QueueTable, type QueueFilter, type QueueRow } from './board-queue.tsx';
import { formatDate } from '../ui/format.ts';
import type { FieldErrors } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { publicModelHref } from '../models/lineage-section.tsx';
import { MODEL_LIST_PATH } from '../search/model-list-page.tsx';
import { DataTable, ModelTable, modelHref } from '../ui/tables.tsx';

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
  proposals: Proposal[];
  now: Date;
};

function Proposals(p: { lang: Lang; boardId: string; proposals: Proposal[] }) {
  const { lang } = p;
  if (p.proposals.length === 0) return <p>{t(lang, 'board.noProposals')}</p>;
  return (
    <DataTable
      headers={[
        t(lang, 'table.name'),
        t(lang, 'proposal.kind'),
        t(lang, 'proposal.year'),
        t(lang, 'table.level'),
        t(lang, 'proposal.from'),
        t(lang, 'proposal.by'),
        t(lang, 'proposal.at'),
        t(lang, 'proposal.note'),
      ]}
      rows={[...p.proposals]
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((x) => ({
          cells: [
            // Another board's model is not in this board's scope: its public page is.
            <a href={x.fromBoardId === p.boardId ? modelHref(x.modelId) : publicModelHref(x.modelId)}>{x.modelName}</a>,
            label(lang, 'proposalKind', x.kind),
            x.year,
            label(lang, 'level', x.level),
            x.fromBoardId,
            x.proposedBy,
            formatDate(x.at),
            <span class="pre">{x.note ?? ''}</span>,
          ],
        }))}
    />
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
        <QueueTable lang={lang} rows={props.rows} now={props.now} empty={t(lang, props.total === 0 ? 'board.noTasks' : 'board.noMatch')} />
      </section>
      <section class="card" aria-labelledby="proposals-title">
        <h2 id="proposals-title">{t(lang, 'board.proposals')}</h2>
        <Proposals lang={lang} boardId={props.boardId} proposals={props.proposals} />
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
