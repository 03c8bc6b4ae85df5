import type { Child } from 'hono/jsx';
import { PROPOSAL_ANSWERS } from '../../core/records.ts';
import type { ProposalRow } from '../../core/use-cases/proposals.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { publicModelHref } from '../models/lineage-section.tsx';
import { formatDate } from '../ui/format.ts';
import { modelHref } from '../ui/tables.tsx';

type Column = { header: string; cell: (p: ProposalRow) => Child };

/**
 * Proposals as a table that stacks into labelled rows on a phone: column headers (`th scope=col`),
 * the first cell of each row its row header (`th scope=row`), boards and units by name.
 */
function Table(props: { caption: string; columns: Column[]; rows: ProposalRow[] }) {
  const [first, ...rest] = props.columns;
  if (!first) return null;
  return (
    <div class="table-wrap">
      <table class="stack proposals">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col">{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((p) => (
            <tr>
              <th scope="row" data-label={first.header}>
                <div>{first.cell(p)}</div>
              </th>
              {rest.map((c) => (
                <td data-label={c.header}>
                  <div>{c.cell(p)}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const newestFirst = (rows: ProposalRow[]) => [...rows].sort((a, b) => b.at.localeCompare(a.at));

/** The proposals a board received: the model (its page, or its public page when another board's), unit, proposing board. */
export function ReceivedProposals(p: { lang: Lang; boardId: string; proposals: ProposalRow[]; canAnswer?: boolean }) {
  const { lang } = p;
  if (p.proposals.length === 0) return <p>{t(lang, 'board.noProposals')}</p>;
  const columns: Column[] = [
    // Another board's model is not in this board's scope: its public page is.
    {
      header: t(lang, 'table.name'),
      cell: (x) => <a href={x.fromBoardId === p.boardId ? modelHref(x.modelId) : publicModelHref(x.modelId)}>{x.modelName}</a>,
    },
    { header: t(lang, 'proposal.unit'), cell: (x) => x.unitName },
    { header: t(lang, 'proposal.kind'), cell: (x) => label(lang, 'proposalKind', x.kind) },
    { header: t(lang, 'proposal.year'), cell: (x) => x.year },
    { header: t(lang, 'table.level'), cell: (x) => label(lang, 'level', x.level) },
    { header: t(lang, 'proposal.from'), cell: (x) => x.fromBoardName },
    { header: t(lang, 'proposal.by'), cell: (x) => x.proposedBy },
    { header: t(lang, 'proposal.at'), cell: (x) => formatDate(x.at) },
    { header: t(lang, 'proposal.note'), cell: (x) => <span class="pre">{x.note ?? ''}</span> },
    {
      header: t(lang, 'proposal.answer'),
      cell: (x) => (x.answer || !p.canAnswer ? <AnswerText lang={lang} proposal={x} /> : <AnswerForm lang={lang} proposal={x} />),
    },
  ];
  return <Table caption={t(lang, 'board.proposals')} columns={columns} rows={newestFirst(p.proposals)} />;
}

/** The proposals sent about one model, for its board and administrators: to whom, and the answer. */
export function SentProposalsSection(p: { lang: Lang; proposals: ProposalRow[] }) {
  const { lang } = p;
  if (p.proposals.length === 0) return null;
  const columns: Column[] = [
    { header: t(lang, 'proposal.kind'), cell: (x) => label(lang, 'proposalKind', x.kind) },
    { header: t(lang, 'proposal.year'), cell: (x) => x.year },
    { header: t(lang, 'table.level'), cell: (x) => label(lang, 'level', x.level) },
    { header: t(lang, 'proposal.to'), cell: (x) => x.toBoardName },
    { header: t(lang, 'proposal.by'), cell: (x) => x.proposedBy },
    { header: t(lang, 'proposal.at'), cell: (x) => formatDate(x.at) },
    { header: t(lang, 'proposal.note'), cell: (x) => <span class="pre">{x.note ?? ''}</span> },
    { header: t(lang, 'proposal.answer'), cell: (x) => <AnswerText lang={lang} proposal={x} /> },
  ];
  return (
    <section class="card" id="proposals" aria-labelledby="proposals-sent-title">
      <h2 id="proposals-sent-title">{t(lang, 'modelPage.proposals')}</h2>
      <Table caption={t(lang, 'modelPage.proposals')} columns={columns} rows={newestFirst(p.proposals)} />
    </section>
  );
}

/** "Đã chấp nhận ngày 03/12/2026" and its note, or "no answer yet". */
function AnswerText(p: { lang: Lang; proposal: ProposalRow }) {
  const answer = p.proposal.answer;
  if (!answer) return <>{t(p.lang, 'proposal.noAnswer')}</>;
  const outcome = t(p.lang, `proposal.answer.${answer.outcome}`);
  return (
    <>
      {t(p.lang, 'proposal.answered', { outcome, date: formatDate(answer.at) })}
      {answer.note ? <span class="pre">{`: ${answer.note}`}</span> : null}
    </>
  );
}

/** The receiving board's leader answers: accepted, or declined with a note. */
function AnswerForm(p: { lang: Lang; proposal: ProposalRow }) {
  const { lang, proposal } = p;
  const id = `answer-${proposal.modelId}-${proposal.kind}-${proposal.year}`;
  return (
    <form method="post" action="/board/proposals/answer#proposals-title" class="answer">
      <input type="hidden" name="modelId" value={proposal.modelId} />
      <input type="hidden" name="kind" value={proposal.kind} />
      <input type="hidden" name="year" value={String(proposal.year)} />
      <select id={`${id}-outcome`} name="outcome" required aria-label={t(lang, 'proposal.answerOutcome', { name: proposal.modelName })}>
        {PROPOSAL_ANSWERS.map((outcome) => (
          <option value={outcome}>{t(lang, `proposal.answer.${outcome}`)}</option>
        ))}
      </select>
      <textarea id={`${id}-note`} name="note" rows={2} aria-label={t(lang, 'proposal.answerNote', { name: proposal.modelName })} />
      <button type="submit" class="small">
        {t(lang, 'proposal.answerSubmit')}
      </button>
    </form>
  );
}
