import type { Model } from '../../core/model.ts';
import { t } from '../i18n/dictionary.ts';
import { TextInput, type FieldErrors } from './forms.tsx';
import { Layout, Notice, type View } from './layout.tsx';
import { ModelTable } from './tables.tsx';

export type AdminPageProps = {
  view: View;
  review: { year: string; errors: FieldErrors; message?: string; result?: { year: number; released: number; skipped: number } };
  lookup: { unitId: string; boardId: string; models?: Model[]; errors: FieldErrors; message?: string };
};

export function AdminPage(props: AdminPageProps) {
  const { view, review, lookup } = props;
  const { lang } = view;
  return (
    <Layout view={view} title={t(lang, 'admin.title')}>
      <h1>{t(lang, 'admin.title')}</h1>
      <section class="card" aria-labelledby="review-title">
        <h2 id="review-title">{t(lang, 'admin.review')}</h2>
        <p class="hint">{t(lang, 'admin.reviewHelp')}</p>
        {review.result ? <Notice kind="ok">{t(lang, 'admin.reviewResult', review.result)}</Notice> : null}
        {review.message ? <Notice kind="error">{review.message}</Notice> : null}
        <form method="post" action="/admin/reviews">
          <TextInput id="review-year" name="year" type="number" inputmode="numeric" label={t(lang, 'admin.reviewYear')} value={review.year} error={review.errors.year} required />
          <button type="submit">{t(lang, 'admin.reviewSubmit')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t(lang, 'admin.lookup')}</h2>
        <p class="hint">{t(lang, 'admin.lookupHelp')}</p>
        {lookup.message ? <Notice kind="error">{lookup.message}</Notice> : null}
        <form method="get" action="/admin">
          <div class="row">
            <TextInput id="lookup-unit" name="unitId" label={t(lang, 'field.unitId')} value={lookup.unitId} error={lookup.errors.unitId} />
            <TextInput id="lookup-board" name="boardId" label={t(lang, 'field.boardId')} value={lookup.boardId} error={lookup.errors.boardId} />
          </div>
          <button type="submit">{t(lang, 'admin.lookupSubmit')}</button>
        </form>
        {lookup.models ? <ModelTable lang={lang} models={lookup.models} empty={t(lang, 'admin.noResults')} /> : null}
      </section>
    </Layout>
  );
}
