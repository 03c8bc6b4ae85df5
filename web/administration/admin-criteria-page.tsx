import { BOARD_ROLES } from '../../core/actor.ts';
import { KINDS } from '../../core/model.ts';
import type { Board, StoredCriteriaSet } from '../../core/records.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { CHAIN_STEPS, CRITERIA_FIELDS } from './admin-bodies.ts';
import { byName, EditLink, FormNotice } from './admin-org-pages.tsx';
import { AdminNav, type AdminForm } from './admin-page.tsx';
import { range, rowCount } from '../ui/form-bodies.ts';
import { codeOptions, fieldError, Select, TextInput, type FormValues } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';

const MAX_CRITERIA = 20;

export const criteriaHref = (s: Pick<StoredCriteriaSet, 'boardId' | 'period' | 'kind'>) =>
  `/admin/criteria?${new URLSearchParams({ board: s.boardId, period: s.period, kind: s.kind }).toString()}#criteria-form`;

/** A stored set as form values. */
export function criteriaValues(set: StoredCriteriaSet): FormValues {
  const values: FormValues = { boardId: set.boardId, period: set.period, kind: set.kind };
  set.criteria.forEach((c, i) =>
    Object.assign(values, { [`criteria.${i}.id`]: c.id, [`criteria.${i}.name`]: c.name, [`criteria.${i}.maxScore`]: String(c.maxScore) }),
  );
  set.approvalChain.forEach((role, i) => (values[`chain.${i}`] = role));
  return values;
}

function CriteriaRows(p: { lang: View['lang']; values: FormValues; errors: Record<string, string> }) {
  const { lang, values, errors } = p;
  const rows = Math.min(MAX_CRITERIA, Math.max(5, rowCount(values, 'criteria') + 2));
  return (
    <fieldset class="rows" aria-describedby="criteria-hint">
      <legend>{t(lang, 'criteria.rows')}</legend>
      <p class="hint" id="criteria-hint">
        {t(lang, 'criteria.rowsHint')}
      </p>
      {errors.criteria ? <p class="field-error">{errors.criteria}</p> : null}
      {range(rows).map((i) => (
        <div class="row criteria-row">
          {CRITERIA_FIELDS.map((f) => (
            <TextInput
              id={`criteria-${i}-${f}`}
              name={`criteria.${i}.${f}`}
              label={t(lang, `criteria.${f}`, { n: i + 1 })}
              value={values[`criteria.${i}.${f}`]}
              error={errors[`criteria.${i}.${f}`]}
              inputmode={f === 'maxScore' ? 'numeric' : undefined}
            />
          ))}
        </div>
      ))}
    </fieldset>
  );
}

export function CriteriaPage(props: { view: View; boards: Board[]; sets: StoredCriteriaSet[]; form: AdminForm; saved?: string }) {
  const { view, form } = props;
  const { lang } = view;
  const { values, errors } = form;
  const chainError = fieldError(errors, 'approvalChain');
  return (
    <Layout view={view} title={t(lang, 'admin.criteria.title')}>
      <h1>{t(lang, 'admin.criteria.title')}</h1>
      <AdminNav lang={lang} current="/admin/criteria" />
      {props.saved ? <Notice kind="ok">{t(lang, 'admin.saved', { id: savedSet(lang, props.boards, props.saved) })}</Notice> : null}
      <section class="card" aria-labelledby="sets-title">
        <h2 id="sets-title">{t(lang, 'admin.criteria.list')}</h2>
        {props.sets.length === 0 ? (
          <p>{t(lang, 'admin.none')}</p>
        ) : (
          <DataTable
            headers={[
              t(lang, 'criteria.board'),
              t(lang, 'public.period'),
              t(lang, 'criteria.kind'),
              t(lang, 'criteria.count'),
              t(lang, 'appraisal.max'),
              t(lang, 'criteria.chain'),
              t(lang, 'admin.edit'),
            ]}
            rows={props.sets.map((s) => ({
              cells: [
                s.boardId,
                s.period,
                label(lang, 'kind', s.kind),
                s.criteria.length,
                s.criteria.reduce((sum, c) => sum + c.maxScore, 0),
                s.approvalChain.map((r) => label(lang, 'boardRole', r)).join(' → '),
                <EditLink lang={lang} href={criteriaHref(s)} name={`${s.boardId} ${s.period} ${s.kind}`} />,
              ],
            }))}
          />
        )}
      </section>
      <section class="card" id="criteria-form" aria-labelledby="criteria-form-title">
        <h2 id="criteria-form-title">{t(lang, 'admin.criteria.form')}</h2>
        <p class="hint">{t(lang, 'admin.criteria.help')}</p>
        <FormNotice form={form} shown={['boardId', 'period', 'kind', 'criteria', 'approvalChain']} />
        <form method="post" action="/admin/criteria#criteria-form">
          <div class="row">
            <Select
              lang={lang}
              id="criteria-board"
              name="boardId"
              label={t(lang, 'criteria.board')}
              value={values.boardId}
              error={errors.boardId}
              options={byName(props.boards).map((b) => ({ value: b.id, label: b.name }))}
              required
            />
            <TextInput
              id="criteria-period"
              name="period"
              label={t(lang, 'criteria.period')}
              value={values.period}
              error={errors.period}
              required
            />
            <Select
              lang={lang}
              id="criteria-kind"
              name="kind"
              label={t(lang, 'criteria.kind')}
              value={values.kind}
              error={errors.kind}
              options={codeOptions(lang, 'kind', KINDS)}
              required
            />
          </div>
          <CriteriaRows lang={lang} values={values} errors={errors} />
          <fieldset aria-describedby="chain-hint">
            <legend>{t(lang, 'criteria.chain')}</legend>
            <p class="hint" id="chain-hint">
              {t(lang, 'criteria.chainHint')}
            </p>
            <div class="row">
              {range(CHAIN_STEPS).map((i) => (
                <Select
                  lang={lang}
                  id={`chain-${i}`}
                  name={`chain.${i}`}
                  label={t(lang, 'criteria.step', { n: i + 1 })}
                  empty={t(lang, 'criteria.noStep')}
                  value={values[`chain.${i}`]}
                  options={codeOptions(lang, 'boardRole', BOARD_ROLES)}
                />
              ))}
            </div>
            {chainError ? <p class="field-error">{chainError}</p> : null}
          </fieldset>
          <button type="submit">{t(lang, 'admin.save')}</button>
        </form>
      </section>
    </Layout>
  );
}

/** "Ban … Quảng Ninh, 2026-2030, Mô hình (tập thể)" for the saved set's "boardId period kind". */
function savedSet(lang: Lang, boards: { id: string; name: string }[], saved: string): string {
  const [boardId = '', period = '', kind = ''] = saved.split(' ');
  const board = boards.find((b) => b.id === boardId)?.name ?? boardId;
  return [board, period, kind ? label(lang, 'kind', kind) : ''].filter(Boolean).join(', ');
}
