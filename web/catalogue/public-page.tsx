import { AREAS, KINDS } from '../../core/model.ts';
import type { PublicEntry } from '../../core/use-cases/public-catalogue.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { publicModelHref } from '../models/lineage-section.tsx';
import { DataTable } from '../ui/tables.tsx';

export type PublicFilter = { q: string; area: string; kind: string };

/** The search page's URL for a filter (and a page cursor). */
export function publicHref(filter: PublicFilter, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/public?${query}` : '/public';
}

/** A filter select whose empty choice means "all" (not "choose"). */
function FilterSelect(p: {
  lang: Lang;
  id: string;
  name: string;
  label: string;
  all: string;
  family: string;
  codes: readonly string[];
  value: string;
}) {
  return (
    <div>
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.name}>
        <option value="">{p.all}</option>
        {p.codes.map((code) => (
          <option value={code} selected={code === p.value}>
            {label(p.lang, p.family, code)}
          </option>
        ))}
      </select>
    </div>
  );
}

function SearchForm(p: { lang: Lang; filter: PublicFilter }) {
  const { lang, filter } = p;
  return (
    <form method="get" action="/public" role="search" aria-labelledby="search-title">
      <h2 id="search-title" class="visually-hidden">
        {t(lang, 'public.searchTitle')}
      </h2>
      <label for="q">{t(lang, 'public.q')}</label>
      <input id="q" name="q" type="search" value={filter.q} maxlength={200} autocomplete="off" aria-describedby="q-hint" />
      <p class="hint" id="q-hint">
        {t(lang, 'public.qHint')}
      </p>
      <div class="row">
        <FilterSelect
          lang={lang}
          id="area"
          name="area"
          label={t(lang, 'field.area')}
          all={t(lang, 'public.allAreas')}
          family="area"
          codes={AREAS}
          value={filter.area}
        />
        <FilterSelect
          lang={lang}
          id="kind"
          name="kind"
          label={t(lang, 'field.kind')}
          all={t(lang, 'public.allKinds')}
          family="kind"
          codes={KINDS}
          value={filter.kind}
        />
        <div>
          <button type="submit">{t(lang, 'public.submit')}</button>
        </div>
      </div>
    </form>
  );
}

export type PublicPageProps = {
  view: View;
  filter: PublicFilter;
  items: PublicEntry[];
  nextCursor?: string;
  /** Reading a later page (a cursor was given). */
  paged: boolean;
  error?: string;
};

/** The public catalogue: no sign-in needed; recognized models only. */
export function PublicPage(props: PublicPageProps) {
  const { view, filter, items } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={t(lang, 'public.title')}>
      <h1>{t(lang, 'public.title')}</h1>
      <p>{t(lang, 'public.intro')}</p>
      {view.user ? null : (
        <p class="hint">
          {t(lang, 'public.signInHint')} <a href="/sign-in">{t(lang, 'public.signIn')}</a>
        </p>
      )}
      <section class="card">
        <SearchForm lang={lang} filter={filter} />
      </section>
      <section class="card" aria-labelledby="results-title">
        <h2 id="results-title">{t(lang, 'public.results')}</h2>
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <p role="status">{items.length === 0 ? t(lang, 'public.noResults') : t(lang, 'public.shown', { count: items.length })}</p>
        {items.length > 0 ? (
          <DataTable
            headers={[
              t(lang, 'table.name'),
              t(lang, 'table.unit'),
              t(lang, 'table.area'),
              t(lang, 'table.kind'),
              t(lang, 'table.level'),
              t(lang, 'table.recognizedYear'),
              t(lang, 'table.replications'),
            ]}
            rows={items.map((m) => ({
              cells: [
                <a href={publicModelHref(m.id)}>{m.name}</a>,
                m.unitName ?? m.unitId,
                label(lang, 'area', m.area),
                label(lang, 'kind', m.kind),
                label(lang, 'level', m.level),
                m.year,
                m.replicationCount,
              ],
            }))}
          />
        ) : null}
        <p>
          {props.nextCursor ? (
            <a href={publicHref(filter, props.nextCursor)} rel="next">
              {t(lang, 'public.next')} →
            </a>
          ) : null}
          {props.nextCursor && props.paged ? ' · ' : null}
          {props.paged ? <a href={publicHref(filter)}>{t(lang, 'public.first')}</a> : null}
        </p>
      </section>
    </Layout>
  );
}
