import type { UnitChange } from '../../core/unit-change.ts';
import type { UnitHistory } from '../../core/use-cases/unit-changes.ts';
import type { Unit } from '../../core/records.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { byName, OtherErrors, TextInput } from '../ui/forms.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { Badge, Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';
import { AdminNav, type AdminForm } from './admin-page.tsx';
import { unitHref } from './unit-href.ts';

/** A unit's page: its history of merges, splits and renames, and for administrators the merge form. */
export type UnitPageProps = {
  view: View;
  history: UnitHistory;
  /** Administrators: the units that may be merged into this one, and the merge form's state. */
  candidates?: Unit[];
  form?: AdminForm;
  recorded?: { models: number; accounts: number };
};

const unitName = (names: Map<string, string>, id: string) => names.get(id) ?? id;

function UnitLink(p: { names: Map<string, string>; id: string }) {
  return (
    <a href={unitHref(p.id)}>
      {unitName(p.names, p.id)} <code>{p.id}</code>
    </a>
  );
}

function HistoryTable(p: { lang: Lang; history: UnitHistory; admin: boolean }) {
  const { lang, history } = p;
  if (history.changes.length === 0) return <p>{t(lang, 'unitChange.noHistory')}</p>;
  const units = (ids: string[]) => (
    <>
      {ids.map((id, i) => (
        <>
          {i > 0 ? ', ' : ''}
          <UnitLink names={history.names} id={id} />
        </>
      ))}
    </>
  );
  return (
    <DataTable
      headers={[
        t(lang, 'unitChange.date'),
        t(lang, 'unitChange.type'),
        t(lang, 'unitChange.from'),
        t(lang, 'unitChange.to'),
        t(lang, 'unitChange.note'),
        t(lang, 'unitChange.modelsMoved'),
        t(lang, 'unitChange.by'),
        t(lang, 'unitChange.status'),
      ]}
      rows={history.changes.map((change: UnitChange) => ({
        cells: [
          formatDate(change.date),
          t(lang, `unitChange.type.${change.type}`),
          change.type === 'RENAME' ? (change.formerName ?? '') : units(change.from),
          change.type === 'RENAME' ? t(lang, 'unitChange.renamedTo', { name: change.name ?? '' }) : units(change.to),
          change.note ?? '',
          change.type === 'RENAME' ? '' : String(change.modelsMoved),
          `${change.by} (${formatDateTime(change.at)})`,
          change.status === 'MOVING' && p.admin ? (
            <form method="post" action={`${unitHref(history.unit.id)}/changes/${encodeURIComponent(change.id)}/resume`}>
              <Badge class="warn">{t(lang, 'unitChange.status.MOVING')}</Badge>{' '}
              <button type="submit">{t(lang, 'unitChange.resume')}</button>
            </form>
          ) : (
            t(lang, `unitChange.status.${change.status}`)
          ),
        ],
      }))}
    />
  );
}

function MergeForm(p: { lang: Lang; unit: Unit; candidates: Unit[]; form: AdminForm }) {
  const { lang, form } = p;
  const chosen = new Set((form.values.from ?? '').split(',').filter(Boolean));
  return (
    <section class="card" id="merge-form" aria-labelledby="merge-form-title">
      <h2 id="merge-form-title">{t(lang, 'unitChange.mergeForm')}</h2>
      <p class="hint">{t(lang, 'unitChange.mergeIntro')}</p>
      {form.message ? (
        <Notice kind="error">
          {form.message}
          <OtherErrors errors={form.errors} shown={['from', 'date', 'note']} />
        </Notice>
      ) : null}
      <form method="post" action={`${unitHref(p.unit.id)}/merge#merge-form`}>
        <div>
          <label for="merge-from">{t(lang, 'unitChange.predecessors')}</label>
          <select id="merge-from" name="from" multiple size={8} required aria-invalid={form.errors.from ? 'true' : undefined}>
            {byName(p.candidates).map((u) => (
              <option value={u.id} selected={chosen.has(u.id)}>
                {u.name} ({u.id}){u.code ? ` · ${u.code}` : ''}
              </option>
            ))}
          </select>
          {form.errors.from ? <p class="field-error">{form.errors.from}</p> : null}
        </div>
        <div class="row">
          <TextInput
            id="merge-date"
            name="date"
            label={t(lang, 'unitChange.date')}
            hint="yyyy-mm-dd"
            value={form.values.date}
            error={form.errors.date}
            required
          />
          <TextInput id="merge-note" name="note" label={t(lang, 'unitChange.note')} value={form.values.note} error={form.errors.note} />
        </div>
        <button type="submit" data-confirm={t(lang, 'unitChange.confirmMerge')}>
          {t(lang, 'unitChange.submitMerge')}
        </button>
      </form>
    </section>
  );
}

export function UnitPage(props: UnitPageProps) {
  const { view, history } = props;
  const { lang } = view;
  const { unit } = history;
  const title = t(lang, 'unitChange.pageTitle', { name: unit.name });
  const admin = props.candidates !== undefined;
  return (
    <Layout view={view} title={title}>
      <h1>
        {title} {unit.historical ? <Badge class="warn">{t(lang, 'unitChange.historical')}</Badge> : null}
      </h1>
      {admin ? <AdminNav lang={lang} current="/admin/units" /> : null}
      {props.recorded ? <Notice kind="ok">{t(lang, 'unitChange.recorded', props.recorded)}</Notice> : null}
      <section class="card" aria-labelledby="unit-details-title">
        <h2 id="unit-details-title">{t(lang, 'unitChange.details')}</h2>
        <dl class="fields">
          <dt>{t(lang, 'unitChange.id')}</dt>
          <dd>
            <code>{unit.id}</code> · {label(lang, 'unitType', unit.type)} · {label(lang, 'level', unit.level)}
          </dd>
          <dt>{t(lang, 'unitChange.code')}</dt>
          <dd class="unit-code">{unit.code ?? t(lang, 'common.none')}</dd>
          <dt>{t(lang, 'unitChange.parent')}</dt>
          <dd>
            {history.parent ? (
              <UnitLink names={new Map([[history.parent.id, history.parent.name]])} id={history.parent.id} />
            ) : (
              t(lang, 'common.none')
            )}
          </dd>
          <dt>{t(lang, 'unitChange.board')}</dt>
          <dd>
            {history.board ? `${history.board.name} (${history.board.id})` : unit.boardId}
            {history.board?.mergedInto ? ` → ${history.board.mergedInto} (${formatDate(history.board.mergedAt)})` : ''}
          </dd>
          {unit.successorId ? (
            <>
              <dt>{t(lang, 'unitChange.successor')}</dt>
              <dd class="unit-successor">
                <UnitLink
                  names={new Map(history.successor ? [[history.successor.id, history.successor.name]] : [])}
                  id={unit.successorId}
                />
                {unit.endedAt ? ` · ${t(lang, 'unitChange.endedAt')}: ${formatDate(unit.endedAt)}` : ''}
              </dd>
            </>
          ) : null}
          {unit.formerNames?.length ? (
            <>
              <dt>{t(lang, 'unitChange.formerNames')}</dt>
              <dd>
                {unit.formerNames.map((f) => t(lang, 'unitChange.formerName', { name: f.name, until: formatDate(f.until) })).join('; ')}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section class="card" id="unit-history" aria-labelledby="unit-history-title">
        <h2 id="unit-history-title">{t(lang, 'unitChange.history')}</h2>
        <HistoryTable lang={lang} history={history} admin={admin} />
      </section>
      {admin && !unit.successorId ? (
        <MergeForm lang={lang} unit={unit} candidates={props.candidates!} form={props.form ?? { values: {}, errors: {} }} />
      ) : null}
    </Layout>
  );
}
