import { PERSON_FIELDS, type Indicator, type Model } from '../../core/model.ts';
import { formatVietnameseNumber } from '../../core/numbers.ts';
import type { PageNames } from '../models/page-names.ts';
import type { StoredReport } from '../../core/records.ts';
import { label, t, type DictKey, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { REGISTRATION_TEXT_FIELDS } from '../ui/forms.tsx';
import { DataTable } from '../ui/tables.tsx';

/** Shown as forms read it back in Vietnamese (core/numbers.ts); in English the English form. */
export const formatNumber = (lang: Lang, n: number) =>
  lang === 'vi' ? formatVietnameseNumber(n) : new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(n);

export const targetText = (lang: Lang, target: number | null) =>
  target === null ? t(lang, 'indicators.notMeasurable') : formatNumber(lang, target);

/** Indicators with their targets and, when a report gave them, the values reached. */
function Indicators(p: { lang: Lang; indicators: Indicator[]; report?: StoredReport }) {
  const { lang, report } = p;
  if (p.indicators.length === 0) return <p>{t(lang, 'indicators.none')}</p>;
  const actual = (name: string) => report?.indicators.find((i) => i.name === name)?.actual;
  const headers = [t(lang, 'public.indicatorName'), t(lang, 'public.indicatorUnit'), t(lang, 'public.indicatorTarget')];
  return (
    <DataTable
      headers={report ? [...headers, t(lang, 'indicators.actual')] : headers}
      rows={p.indicators.map((i) => {
        const cells = [i.name, i.unit, targetText(lang, i.target)];
        const value = actual(i.name);
        return { cells: report ? [...cells, value === undefined ? '—' : formatNumber(lang, value)] : cells };
      })}
    />
  );
}

/** An exemplar's field 6: the person's answers (and the forces an older registration gave). */
function PersonDetails(p: { lang: Lang; model: Model }) {
  const { lang, model } = p;
  return (
    <>
      {model.forces ? (
        <>
          <dt>{t(lang, 'field.forces')}</dt>
          <dd>{model.forces}</dd>
        </>
      ) : null}
      {PERSON_FIELDS.filter((field) => model[field] || !model.forces).map((field) => (
        <>
          <dt>{t(lang, `field.${field}`)}</dt>
          <dd>{model[field] ?? ''}</dd>
        </>
      ))}
    </>
  );
}

/** The registration as submitted: kind, area, years, extras, the nine fields and the indicators. */
export function RegistrationDetails(p: { lang: Lang; model: Model; names?: PageNames }) {
  const { lang, model } = p;
  return (
    <section class="card" aria-labelledby="fields-title">
      <h2 id="fields-title">{t(lang, 'model.registration')}</h2>
      <dl class="fields">
        <dt>{t(lang, 'field.kind')}</dt>
        <dd>{label(lang, 'kind', model.kind)}</dd>
        <dt>{t(lang, 'field.area')}</dt>
        <dd>{label(lang, 'area', model.area)}</dd>
        <dt>
          {t(lang, 'field.year')} / {t(lang, 'field.cycleYear')}
        </dt>
        <dd>
          {model.year} / {model.cycleYear}
        </dd>
        <dt>{t(lang, 'public.period')}</dt>
        <dd>{model.period ?? ''}</dd>
        <dt>{t(lang, 'field.targetLevel')}</dt>
        <dd>{label(lang, 'level', model.targetLevel)}</dd>
        <dt>{t(lang, 'field.tags')}</dt>
        <dd>{(model.tags ?? []).join(', ') || t(lang, 'common.none')}</dd>
        <dt>{t(lang, 'names.unitBoard')}</dt>
        <dd>
          {p.names?.unit ?? model.unitId} / {p.names?.board ?? model.boardId}
          {p.names?.registeredBy ? (
            <div class="registered-by">
              {t(lang, 'unitChange.registeredBy', { registeredBy: p.names.registeredBy, unit: p.names.unit ?? model.unitId })}
            </div>
          ) : null}
        </dd>
        <dt>{t(lang, 'model.createdAt')}</dt>
        <dd>{formatDate(model.createdAt)}</dd>
        {REGISTRATION_TEXT_FIELDS.map((field) =>
          field === 'forces' && model.kind === 'EXEMPLAR' ? (
            <PersonDetails lang={lang} model={model} />
          ) : (
            <>
              <dt>{t(lang, `field.${field}` as DictKey)}</dt>
              <dd>{model[field]}</dd>
            </>
          ),
        )}
      </dl>
      <h3>{t(lang, 'indicators.title')}</h3>
      <Indicators lang={lang} indicators={model.indicators ?? []} />
    </section>
  );
}

/** The latest yearly report with the indicator values it gave. */
export function ReportDetails(p: { lang: Lang; model: Model; report?: StoredReport }) {
  const { lang, model, report } = p;
  const text = report?.report ?? model.report;
  if (!text) return null;
  return (
    <section class="card" aria-labelledby="report-title">
      <h2 id="report-title">{report ? t(lang, 'report.year', { year: report.year }) : t(lang, 'model.report')}</h2>
      <p class="pre">{text}</p>
      {report && (model.indicators ?? []).length > 0 ? (
        <>
          <h3>{t(lang, 'report.indicators')}</h3>
          <Indicators lang={lang} indicators={model.indicators} report={report} />
        </>
      ) : null}
    </section>
  );
}
