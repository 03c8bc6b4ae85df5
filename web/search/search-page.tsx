import type { Child } from 'hono/jsx';
import type { SearchResults } from '../../core/use-cases/global-search.ts';
import { label, t, type Lang } from '../i18n/dictionary.ts';
import { formatDate } from '../ui/format.ts';
import { TextInput, type FieldErrors } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { DataTable, modelHref } from '../ui/tables.tsx';
import { ModelRowsTable, modelListHref } from './model-list-page.tsx';

function Section(p: { id: string; title: string; count: number; lang: Lang; children?: Child }) {
  return (
    <section class="card" aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.count === 0 ? <p>{t(p.lang, 'search.none')}</p> : p.children}
    </section>
  );
}

/** The results of the one search box: models, units and recognition decisions in the reader's scope. */
export function SearchPage(p: { view: View; q: string; results?: SearchResults; errors: FieldErrors }) {
  const { view, results } = p;
  const { lang, user } = view;
  // The paged list is the board's (and administrators'); a unit's models are all on its home page.
  const listed = user?.role === 'board' || user?.role === 'admin';
  return (
    <Layout view={view} title={t(lang, 'search.title')}>
      <h1>{t(lang, 'search.title')}</h1>
      <form method="get" action="/search" role="search" aria-label={t(lang, 'search.q')} class="card">
        <p class="hint">{t(lang, 'search.intro')}</p>
        {p.errors.q ? <Notice kind="error">{t(lang, 'search.invalid')}</Notice> : null}
        <TextInput id="search-q" name="q" label={t(lang, 'search.q')} value={p.q} error={p.errors.q} />
        <button type="submit">{t(lang, 'search.submit')}</button>
      </form>
      {results && results.q ? (
        <>
          <Section id="sr-models" lang={lang} title={t(lang, 'search.models', { count: results.modelCount })} count={results.modelCount}>
            <ModelRowsTable lang={lang} rows={results.models} />
            {listed && results.modelCount > results.models.length ? (
              <p>
                <a href={modelListHref({ q: results.q })}>{t(lang, 'search.more', { count: results.modelCount })}</a>
              </p>
            ) : null}
          </Section>
          <Section id="sr-units" lang={lang} title={t(lang, 'search.units', { count: results.unitCount })} count={results.unitCount}>
            <DataTable
              headers={[t(lang, 'table.unit'), t(lang, 'search.unitLevel'), t(lang, 'search.modelCount')]}
              rows={results.units.map((u) => ({
                cells: [
                  listed ? <a href={modelListHref({ q: u.name })}>{u.name}</a> : <a href="/unit">{u.name}</a>,
                  label(lang, 'level', u.level),
                  u.modelCount,
                ],
              }))}
            />
          </Section>
          <Section
            id="sr-decisions"
            lang={lang}
            title={t(lang, 'search.decisions', { count: results.decisionCount })}
            count={results.decisionCount}
          >
            <DataTable
              headers={[
                t(lang, 'search.number'),
                t(lang, 'search.date'),
                t(lang, 'table.level'),
                t(lang, 'table.name'),
                t(lang, 'table.unit'),
                t(lang, 'search.issuingBody'),
              ]}
              rows={results.decisions.map((d) => ({
                cells: [
                  d.number ?? '',
                  d.date ? formatDate(d.date) : d.year,
                  label(lang, 'level', d.level),
                  <a href={modelHref(d.modelId)}>{d.modelName}</a>,
                  d.unitName,
                  d.issuingBody ?? '',
                ],
              }))}
            />
          </Section>
        </>
      ) : null}
    </Layout>
  );
}
