import type { ScoringSheet, SheetGroup } from '../../core/use-cases/scoring-sheet.ts';
import { KINDS } from '../../core/model.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { modelHref } from '../ui/tables.tsx';
import { rowField, SHEET_PATH, type SheetState } from './scoring-sheet-fields.ts';

function Row(p: { lang: Lang; group: SheetGroup; g: number; i: number; levels: string[]; state?: SheetState }) {
  const { lang, group, state } = p;
  const row = group.rows[p.i]!;
  const name = (field: string) => rowField(row.modelId, field);
  const value = (field: string) => state?.values[name(field)] ?? '';
  const error = (field: string) => state?.errors[name(field)];
  const max = group.set.criteria.reduce((sum, c) => sum + c.maxScore, 0);
  return (
    <tr data-score-row>
      <th scope="row">
        <a href={`${modelHref(row.modelId)}#action`}>{row.name}</a>
        <br />
        <small>
          {row.unitName} · {row.year}
        </small>
      </th>
      {group.set.criteria.map((c) => {
        const id = name(`scores.${c.id}`);
        const reason = error(`scores.${c.id}`);
        return (
          <td>
            <input
              type="number"
              inputmode="numeric"
              min="0"
              max={String(c.maxScore)}
              step="1"
              id={id}
              name={id}
              value={value(`scores.${c.id}`)}
              data-score
              aria-label={t(lang, 'sheet.scoreLabel', { criterion: c.name, model: row.name })}
              aria-invalid={reason ? 'true' : undefined}
              aria-describedby={reason ? `${id}-error` : undefined}
            />
            {reason ? (
              <p class="field-error" id={`${id}-error`}>
                {reason}
              </p>
            ) : null}
          </td>
        );
      })}
      <td>
        <output data-total aria-live="polite">{`–/${max}`}</output>
      </td>
      <td>
        <select
          id={name('proposal')}
          name={name('proposal')}
          aria-label={t(lang, 'sheet.proposalLabel', { model: row.name })}
          aria-invalid={error('proposal') ? 'true' : undefined}
        >
          <option value="">{t(lang, 'sheet.choose')}</option>
          <option value="CONTINUE" selected={value('proposal') === 'CONTINUE'}>
            {t(lang, 'sheet.continue')}
          </option>
          {p.levels.map((level) => (
            <option value={`RECOGNIZE:${level}`} selected={value('proposal') === `RECOGNIZE:${level}`}>
              {t(lang, 'sheet.recognize', { level: label(lang, 'level', level) })}
            </option>
          ))}
        </select>
        {error('proposal') ? <p class="field-error">{error('proposal')}</p> : null}
      </td>
    </tr>
  );
}

function Group(p: { lang: Lang; group: SheetGroup; g: number; levels: string[]; state?: SheetState }) {
  const { lang, group } = p;
  const caption = t(lang, 'sheet.period', { period: group.set.period, kind: label(lang, 'kind', group.set.kind) });
  return (
    <div class="table-wrap">
      <table class="scores sheet">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'table.name')}</th>
            {group.set.criteria.map((c) => (
              <th scope="col">{t(lang, 'sheet.criterion', { name: c.name, max: c.maxScore })}</th>
            ))}
            <th scope="col">{t(lang, 'sheet.total')}</th>
            <th scope="col">{t(lang, 'appraisal.proposal')}</th>
          </tr>
        </thead>
        <tbody>
          {group.rows.map((_, i) => (
            <Row lang={lang} group={group} g={p.g} i={i} levels={p.levels} state={p.state} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScoringSheetPage(p: { view: View; sheet: ScoringSheet; state?: SheetState }) {
  const { view, sheet, state } = p;
  const { lang } = view;
  const rows = sheet.groups.reduce((n, g) => n + g.rows.length, 0);
  return (
    <Layout view={view} title={t(lang, 'sheet.title')}>
      <p>
        <a href="/board">{t(lang, 'board.title')}</a>
      </p>
      <h1>{t(lang, 'sheet.title')}</h1>
      <p class="hint">{t(lang, 'sheet.intro')}</p>
      <form method="get" action={SHEET_PATH} class="row">
        <div>
          <label for="sheet-kind">{t(lang, 'sheet.kind')}</label>
          <select id="sheet-kind" name="kind">
            {KINDS.map((kind) => (
              <option value={kind} selected={kind === sheet.kind}>
                {label(lang, 'kind', kind)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t(lang, 'board.filterSubmit')}</button>
        </div>
      </form>
      {state && state.scored > 0 ? <Notice kind="ok">{t(lang, 'sheet.scored', { count: state.scored })}</Notice> : null}
      {state && state.failedRows > 0 ? <Notice kind="error">{t(lang, 'sheet.rowErrors', { count: state.failedRows })}</Notice> : null}
      {rows === 0 ? (
        <p>{t(lang, 'sheet.none')}</p>
      ) : (
        // novalidate: the server checks every field at once (the browser would stop at the first) and keeps what was typed.
        <form method="post" action={`${SHEET_PATH}?kind=${sheet.kind}`} id="scoring-sheet" novalidate data-keep-off>
          {sheet.groups.map((group, g) => (
            <Group lang={lang} group={group} g={g} levels={sheet.levels} state={state} />
          ))}
          <button type="submit">{t(lang, 'sheet.save')}</button>
        </form>
      )}
    </Layout>
  );
}
