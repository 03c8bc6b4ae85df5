import { AREAS, KINDS, MODEL_STATUSES } from '../../core/model.ts';
import { formatCount } from '../ui/format.ts';
import type { ModelListPage as ListResult, ModelRow } from '../../core/model-list.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { codeOptions, Select, TextInput, type FieldErrors } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable, modelHref, StatusBadge } from '../ui/tables.tsx';

export const MODEL_LIST_PATH = '/board/models';
/** The query parameters of the list page, as typed (strings); empty ones mean "all". */
export const LIST_PARAMS = ['q', 'area', 'kind', 'status', 'year', 'page'] as const;
export type ListParams = Partial<Record<(typeof LIST_PARAMS)[number], string>>;

/** The list page's URL for the same search and filters at `page`. */
export function modelListHref(params: ListParams, page?: number): string {
  const query = new URLSearchParams();
  for (const name of LIST_PARAMS) {
    const value = name === 'page' ? (page && page > 1 ? String(page) : '') : params[name];
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `${MODEL_LIST_PATH}?${text}` : MODEL_LIST_PATH;
}

function FilterForm(p: { lang: Lang; params: ListParams; errors: FieldErrors }) {
  const { lang, params, errors } = p;
  return (
    <form method="get" action={MODEL_LIST_PATH} role="search" aria-label={t(lang, 'models.q')}>
      <TextInput id="ml-q" name="q" label={t(lang, 'models.q')} hint={t(lang, 'models.qHint')} value={params.q} error={errors.q} />
      <div class="row four">
        <Select
          lang={lang}
          id="ml-area"
          name="area"
          label={t(lang, 'field.area')}
          empty={t(lang, 'board.allAreas')}
          value={params.area}
          error={errors.area}
          options={codeOptions(lang, 'area', AREAS)}
        />
        <Select
          lang={lang}
          id="ml-kind"
          name="kind"
          label={t(lang, 'field.kind')}
          empty={t(lang, 'board.allKinds')}
          value={params.kind}
          error={errors.kind}
          options={codeOptions(lang, 'kind', KINDS)}
        />
        <Select
          lang={lang}
          id="ml-status"
          name="status"
          label={t(lang, 'table.status')}
          empty={t(lang, 'models.allStatuses')}
          value={params.status}
          error={errors.status}
          options={codeOptions(
            lang,
            'status',
            MODEL_STATUSES.filter((s) => s !== 'DRAFT'),
          )}
        />
        <TextInput
          id="ml-year"
          name="year"
          label={t(lang, 'table.cycleYear')}
          hint={t(lang, 'models.yearHint')}
          inputmode="numeric"
          value={params.year}
          error={errors.year}
        />
      </div>
      {errors.page ? <p class="field-error">{`${t(lang, 'models.pageN', { page: params.page ?? '' })}: ${errors.page}`}</p> : null}
      <div class="buttons">
        <button type="submit">{t(lang, 'models.search')}</button>
        <a href={MODEL_LIST_PATH}>{t(lang, 'models.clear')}</a>
      </div>
    </form>
  );
}

/** Previous, the first and last pages, two around the current one, next. */
function Pager(p: { lang: Lang; params: ListParams; page: number; pages: number }) {
  const { lang, page, pages } = p;
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pager" aria-label={t(lang, 'models.pages')}>
      {page > 1 ? (
        <a href={modelListHref(p.params, page - 1)} rel="prev">
          {t(lang, 'models.prev')}
        </a>
      ) : null}
      {shown.map((n, i) => (
        <>
          {i > 0 && n - shown[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
          {n === page ? (
            <strong aria-current="page">{n}</strong>
          ) : (
            <a href={modelListHref(p.params, n)} aria-label={t(lang, 'models.pageN', { page: n })}>
              {n}
            </a>
          )}
        </>
      ))}
      {page < pages ? (
        <a href={modelListHref(p.params, page + 1)} rel="next">
          {t(lang, 'models.next')}
        </a>
      ) : null}
    </nav>
  );
}

/** Models with their unit's name (never its id). */
export function ModelRowsTable(p: { lang: Lang; rows: ModelRow[] }) {
  const { lang } = p;
  return (
    <DataTable
      headers={[
        t(lang, 'table.name'),
        t(lang, 'table.unit'),
        t(lang, 'table.kind'),
        t(lang, 'table.area'),
        t(lang, 'table.status'),
        t(lang, 'table.cycleYear'),
      ]}
      rows={p.rows.map((m) => ({
        cells: [
          <a href={modelHref(m.id)}>{m.name}</a>,
          m.unitName,
          label(lang, 'kind', m.kind),
          label(lang, 'area', m.area),
          <StatusBadge lang={lang} status={m.status} />,
          m.cycleYear,
        ],
      }))}
    />
  );
}

export function ModelListPage(p: { view: View; result: ListResult; params: ListParams; errors: FieldErrors }) {
  const { view, result, errors } = p;
  const { lang } = view;
  const invalid = Object.keys(errors).length > 0;
  return (
    <Layout view={view} title={t(lang, 'models.title')}>
      <p>{view.user?.role === 'admin' ? <a href="/admin">{t(lang, 'admin.title')}</a> : <a href="/board">{t(lang, 'board.title')}</a>}</p>
      <h1>{t(lang, 'models.title')}</h1>
      <section class="card" aria-labelledby="ml-title">
        <h2 id="ml-title" class="visually-hidden">
          {t(lang, 'models.search')}
        </h2>
        <p class="hint">{t(lang, 'models.intro')}</p>
        {invalid ? <Notice kind="error">{t(lang, 'models.filterInvalid')}</Notice> : null}
        <FilterForm lang={lang} params={p.params} errors={errors} />
      </section>
      <section class="card" aria-labelledby="ml-results">
        <h2 id="ml-results">{t(lang, 'public.results')}</h2>
        <p class="hint" role="status" id="ml-summary">
          {t(lang, 'models.summary', {
            page: formatCount(lang, result.page),
            pages: formatCount(lang, result.pages),
            matched: formatCount(lang, result.matched),
            total: formatCount(lang, result.total),
          })}
        </p>
        {result.rows.length === 0 ? (
          <p>{t(lang, result.total === 0 ? 'board.noModels' : 'models.noMatch')}</p>
        ) : (
          <ModelRowsTable lang={lang} rows={result.rows} />
        )}
        <Pager lang={lang} params={p.params} page={result.page} pages={result.pages} />
      </section>
    </Layout>
  );
}
