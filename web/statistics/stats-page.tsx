import { AREAS, KINDS, LEVELS } from '../../core/model.ts';
import type { ExportTable } from './exports/export-table.ts';
import type { Cell } from './exports/safe-text.ts';
import { dateText } from './exports/safe-text.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { formatDateTime } from '../ui/format.ts';
import { codeOptions, Select } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';

/** The dashboard's filters as they came in (single values; empty = all). */
export type StatsFilterValues = {
  scope: string;
  period: string;
  area: string;
  kind: string;
  level: string;
  /** `today`: a board's figures add those of the boards merged into it; empty: as recorded. */
  structure?: string;
};

export type StatsPageProps = {
  view: View;
  filter: StatsFilterValues;
  /** Administrators pick a scope: ALL or a board. */
  boards?: { id: string; name: string }[];
  periods: string[];
  scopeName: string;
  keyFigures: { label: string; value: number; details?: string[] }[];
  tables: ExportTable[];
  /** Pre-labelled numbers for the charts script. */
  charts: Record<string, unknown>;
  links: { statistics: string; models?: string };
  error?: string;
  now: Date;
};

const numberLocale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** A cell as text; row headers (years) stay as they are, other numbers get the reader's separators. */
function shown(cell: Cell, lang: Lang, header = false): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return header ? String(cell) : cell.toLocaleString(numberLocale(lang));
  return cell instanceof Date ? dateText(cell) : cell;
}

/** JSON inside <script>: no `<` (so no `</script>`), no `>`/`&`, and no line separators that break older parsers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A statistics table for people and screen readers: caption, row headers, totals in the footer. */
export function NumbersTable(props: { lang: Lang; table: ExportTable }) {
  const { lang, table } = props;
  const id = `table-${table.id}`;
  const numeric = (i: number) => i > 0 && [...table.rows, table.totals ?? []].some((r) => typeof r[i] === 'number');
  const row = (cells: Cell[]) => (
    <>
      <th scope="row">{shown(cells[0], lang, true)}</th>
      {cells.slice(1).map((c) => (
        <td class={typeof c === 'number' ? 'num' : undefined}>{shown(c, lang)}</td>
      ))}
    </>
  );
  return (
    <div class="table-block">
      <div class="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabindex={0}>
        <table class="numbers" id={id}>
          <caption id={`${id}-caption`}>{table.sheet}</caption>
          <thead>
            <tr>
              {table.headers.map((h, i) => (
                <th scope="col" class={numeric(i) ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.length === 0 ? (
              <tr>
                <td colspan={table.headers.length}>{t(lang, 'stats.noIndicators')}</td>
              </tr>
            ) : (
              table.rows.map((r) => <tr>{row(r)}</tr>)
            )}
          </tbody>
          {table.totals ? (
            <tfoot>
              <tr>{row(table.totals)}</tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {table.note ? <p class="hint">{table.note}</p> : null}
    </div>
  );
}

function FilterForm(props: StatsPageProps) {
  const { lang } = props.view;
  const f = props.filter;
  return (
    <form method="get" action="/statistics" class="stats-filters">
      <div class="row">
        {props.boards ? (
          <Select
            lang={lang}
            id="stats-scope"
            name="scope"
            label={t(lang, 'stats.scope')}
            value={f.scope}
            empty={t(lang, 'stats.scopeAll')}
            options={props.boards.map((b) => ({ value: b.id, label: b.name }))}
          />
        ) : null}
        <div>
          <label for="stats-period">{t(lang, 'stats.period')}</label>
          <select id="stats-period" name="period">
            {props.periods.map((p) => (
              <option value={p} selected={p === f.period}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <Select
          lang={lang}
          id="stats-area"
          name="area"
          label={t(lang, 'stats.col.area')}
          value={f.area}
          empty={t(lang, 'stats.allAreas')}
          options={codeOptions(lang, 'area', AREAS)}
        />
        <Select
          lang={lang}
          id="stats-kind"
          name="kind"
          label={t(lang, 'stats.col.kind')}
          value={f.kind}
          empty={t(lang, 'stats.allKinds')}
          options={codeOptions(lang, 'kind', KINDS)}
        />
        <Select
          lang={lang}
          id="stats-level"
          name="level"
          label={t(lang, 'stats.col.level')}
          value={f.level}
          empty={t(lang, 'stats.allLevels')}
          options={codeOptions(lang, 'level', LEVELS)}
        />
        <Select
          lang={lang}
          id="stats-structure"
          name="structure"
          label={t(lang, 'stats.structure')}
          value={f.structure}
          empty={t(lang, 'stats.structure.recorded')}
          options={[{ value: 'today', label: t(lang, 'stats.structure.today') }]}
        />
      </div>
      <button type="submit">{t(lang, 'stats.apply')}</button>
    </form>
  );
}

function Chart(props: { id: string; title: string; table: string; lang: Lang }) {
  return (
    <figure hidden>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart-box">
        {/* A canvas with a role is not interactive content's place (axe nested-interactive): its link to the table sits below. */}
        <canvas id={props.id} role="img" aria-labelledby={`${props.id}-title`} />
      </div>
      <p class="hint">
        <a href={`#table-${props.table}`}>{t(props.lang, 'stats.chartTable', { title: props.title })}</a>
      </p>
    </figure>
  );
}

export function StatsPage(props: StatsPageProps) {
  const { view, links } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={t(lang, 'stats.title')} stylesheet="/static/stats.css">
      <h1>{t(lang, 'stats.title')}</h1>
      <p>{t(lang, 'stats.intro')}</p>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <section class="card" aria-labelledby="filters-title">
        <h2 id="filters-title">{t(lang, 'stats.filters')}</h2>
        <FilterForm {...props} />
      </section>
      <section class="card" aria-labelledby="key-title">
        <h2 id="key-title">{t(lang, 'stats.keyFigures', { period: props.filter.period })}</h2>
        <p class="hint">
          {props.scopeName} · {t(lang, 'stats.asOf', { at: formatDateTime(props.now.toISOString()) })}
        </p>
        <ul class="key-figures">
          {props.keyFigures.map((k) => (
            <li>
              <span class="n">{k.value.toLocaleString(numberLocale(lang))}</span>
              {k.label}
              {k.details?.map((d) => (
                <small>{d}</small>
              ))}
            </li>
          ))}
        </ul>
        <h3>{t(lang, 'stats.downloads')}</h3>
        <p class="downloads">
          <a href={`/api/exports/statistics.xlsx${links.statistics}`} download>
            {t(lang, 'stats.downloadStatsXlsx')}
          </a>
          <a href={`/api/exports/statistics.csv${links.statistics}`} download>
            {t(lang, 'stats.downloadStatsCsv')}
          </a>
          <a href={`/api/exports/summary.xlsx${links.statistics}`} download>
            {t(lang, 'summary.downloadXlsx')}
          </a>
          <a href={`/api/exports/summary.docx${links.statistics}`} download>
            {t(lang, 'summary.downloadDocx')}
          </a>
          {links.models !== undefined ? (
            <>
              <a href={`/api/exports/models.xlsx${links.models}`} download>
                {t(lang, 'stats.downloadModelsXlsx')}
              </a>
              <a href={`/api/exports/models.csv${links.models}`} download>
                {t(lang, 'stats.downloadModelsCsv')}
              </a>
            </>
          ) : null}
        </p>
        {links.models === undefined ? <p class="hint">{t(lang, 'stats.modelsNeedBoard')}</p> : null}
      </section>
      <section class="card" aria-labelledby="charts-title">
        <h2 id="charts-title">{t(lang, 'stats.charts')}</h2>
        <p class="hint">{t(lang, 'stats.chartsNote')}</p>
        <div class="charts">
          <Chart lang={lang} id="chart-funnel" table="funnel" title={t(lang, 'stats.chart.funnel')} />
          <Chart lang={lang} id="chart-status" table="status" title={t(lang, 'stats.chart.status')} />
          <Chart lang={lang} id="chart-area" table="area" title={t(lang, 'stats.chart.area')} />
          <Chart lang={lang} id="chart-kind" table="kind" title={t(lang, 'stats.chart.kind')} />
        </div>
      </section>
      <section class="card" aria-labelledby="tables-title">
        <h2 id="tables-title">{t(lang, 'stats.tables')}</h2>
        {props.tables.map((table) => (
          <NumbersTable lang={lang} table={table} />
        ))}
      </section>
      <script type="application/json" id="stats-data" dangerouslySetInnerHTML={{ __html: scriptJson(props.charts) }} />
      <script src="/static/chart.js" defer />
      <script src="/static/stats-charts.js" defer />
    </Layout>
  );
}
