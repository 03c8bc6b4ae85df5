import type { Hono } from 'hono';
import { ValidationError } from '../../core/errors.ts';
import { AREAS, KINDS, periodOf } from '../../core/model.ts';
import { FUNNEL_EVENTS } from '../../core/stats.ts';
import { listBoards } from '../../core/use-cases/organisation.ts';
import { getStatistics } from '../../core/use-cases/statistics.ts';
import { scopeName } from './exports/export-service.ts';
import { COUNTED_STATUSES, statisticsTables, type Statistics } from './exports/stats-tables.ts';
import { errorMessage } from '../platform/http-errors.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import type { WebDeps } from '../web-deps.ts';
import { vietnamYear } from '../ui/format.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import { CHART_JS, STATS_CHARTS_JS, STATS_CSS } from './stats-assets.ts';
import type { StatsFilterValues, StatsPageProps } from './stats-page.tsx';

const asset = (type: string) => ({ 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' });
const JS = 'text/javascript; charset=utf-8';

/** `?a=1&b=2` of the non-empty values, or ''. */
function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => Boolean(e[1])));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One colour per status, the same in every view (red for the end of the road, green for recognition). */
const STATUS_COLORS: Record<string, string> = {
  SUBMITTED: '#b26a00',
  RETURNED: '#d4a017',
  REJECTED: '#6d4c41',
  IMPLEMENTING: '#0b5cad',
  REPORTING: '#00838f',
  REPORTED: '#6a1b9a',
  RECOGNIZED: '#2e7d32',
  CONTINUING: '#7cb342',
  STOPPED: '#a3161a',
};

const count = (record: Record<string, number>, key: string) => record[key] ?? 0;

function keyFigures(stats: Statistics, lang: Lang): StatsPageProps['keyFigures'] {
  const { funnel, recognizedByKind } = stats.rollup;
  return FUNNEL_EVENTS.map((event) => ({
    label: t(lang, `stats.funnel.${event}`),
    value: count(funnel, event),
    details:
      event === 'RECOGNIZED'
        ? KINDS.map((k) => `${label(lang, 'kind', k)}: ${count(recognizedByKind, k).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}`)
        : undefined,
  }));
}

/** The numbers the charts script draws, already labelled in the reader's language. */
function chartData(stats: Statistics, lang: Lang) {
  const { rollup, years } = stats;
  return {
    locale: lang === 'vi' ? 'vi-VN' : 'en-GB',
    funnel: {
      title: t(lang, 'stats.chart.funnel'),
      labels: FUNNEL_EVENTS.map((e) => t(lang, `stats.funnel.${e}`)),
      values: FUNNEL_EVENTS.map((e) => count(rollup.funnel, e)),
    },
    statusByYear: {
      years: years.map((y) => String(y.year)),
      series: COUNTED_STATUSES.filter((s) => years.some((y) => count(y.byStatus, s) !== 0)).map((s) => ({
        label: label(lang, 'status', s),
        color: STATUS_COLORS[s],
        values: years.map((y) => count(y.byStatus, s)),
      })),
    },
    byArea: {
      title: t(lang, 'stats.chart.area'),
      labels: AREAS.map((a) => label(lang, 'area', a)),
      values: AREAS.map((a) => count(rollup.byArea, a)),
    },
    byKind: {
      title: t(lang, 'stats.chart.kind'),
      labels: KINDS.map((k) => label(lang, 'kind', k)),
      values: KINDS.map((k) => count(rollup.byKind, k)),
    },
  };
}

/** The statistics dashboard (boards and administrators) and its static files. */
export function addStatsPages(app: Hono<PageEnv>, deps: WebDeps) {
  app.get('/static/stats.css', (c) => c.body(STATS_CSS, 200, asset('text/css; charset=utf-8')));
  app.get('/static/stats-charts.js', (c) => c.body(STATS_CHARTS_JS, 200, asset(JS)));
  app.get('/static/chart.js', (c) =>
    CHART_JS ? c.body(CHART_JS, 200, asset(JS)) : c.body('/* chart.js is not installed */', 404, { 'Content-Type': JS }),
  );

  app.get('/statistics', requirePage(deps, 'board', 'admin'), async (c) => {
    const actor = c.var.actor;
    const view = viewOf(c);
    const { lang } = view;
    const admin = actor.role === 'admin';
    const current = periodOf(vietnamYear(deps.now()));
    const read = (name: string) => (c.req.query(name) ?? '').trim();
    const asked: StatsFilterValues = {
      scope: admin ? read('scope') : '',
      period: read('period') || current,
      area: read('area'),
      kind: read('kind'),
      level: read('level'),
      structure: read('structure'),
    };
    const toQuery = (f: StatsFilterValues) => ({
      structure: f.structure || undefined,
      scope: f.scope || undefined,
      period: f.period,
      areas: f.area || undefined,
      kinds: f.kind || undefined,
      levels: f.level || undefined,
    });

    let filter = asked;
    let error: string | undefined;
    let stats: Statistics;
    try {
      stats = await getStatistics(deps, actor, toQuery(asked));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      // A hand-edited address: say so, and show the default figures instead of a blank page.
      error = `${errorMessage(lang, e)}: ${e.issues.map((i) => i.field).join(', ')}`;
      filter = { scope: '', period: current, area: '', kind: '', level: '' };
      stats = await getStatistics(deps, actor, toQuery(filter));
    }

    const boards = admin ? (await listBoards(deps)).map((b) => ({ id: b.id, name: b.name })) : undefined;
    const periods = [...new Set(['2021-2025', '2026-2030', current, stats.period])].sort();
    const statsLink = query({
      scope: admin ? filter.scope : undefined,
      period: stats.period,
      areas: filter.area,
      kinds: filter.kind,
      levels: filter.level,
      structure: filter.structure,
    });
    const modelFilters = { area: filter.area, kind: filter.kind, level: filter.level };
    const modelsLink = !admin ? query(modelFilters) : filter.scope ? query({ boardId: filter.scope, ...modelFilters }) : undefined;
    const props: StatsPageProps = {
      view,
      filter: { ...filter, period: stats.period },
      boards,
      periods,
      error,
      now: deps.now(),
      scopeName: await scopeName(deps, stats.scope, lang),
      keyFigures: keyFigures(stats, lang),
      tables: statisticsTables(stats, lang),
      charts: chartData(stats, lang),
      links: { statistics: statsLink, models: modelsLink },
    };
    // The page's module loads on its first request: a chunk of its own in the Lambda bundle.
    const { StatsPage } = await import('./stats-page.tsx');
    return render(c, <StatsPage {...props} />, error ? 400 : 200);
  });
}
