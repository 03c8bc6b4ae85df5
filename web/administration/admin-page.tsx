import type { Model } from '../../core/model.ts';
import type { Board, ReviewProgress } from '../../core/records.ts';
import type { AttentionRow } from '../../core/use-cases/attention.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { Select, TextInput, type FieldErrors, type FormValues } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { ModelTable } from '../ui/tables.tsx';
import { AttentionList, type RecoveryNotice } from './attention-section.tsx';

export const ALL_BOARDS = 'ALL';

export type AdminPageProps = {
  view: View;
  boards: Board[];
  /** The review form; after opening one, the review shown with its progress (none yet while it starts). */
  review: {
    year: string;
    scope: string;
    errors: FieldErrors;
    message?: string;
    shown?: { year: number; scope: string; progress?: ReviewProgress };
  };
  lookup: { unitId: string; boardId: string; models?: Model[]; errors: FieldErrors; message?: string };
  /** Models whose workflow stopped on an error that is not transient, or whose execution ended behind the app's back, newest first. */
  attention: AttentionRow[];
  /** What the administrator's last recovery of an orphaned model did. */
  recovery?: RecoveryNotice;
};

/** An admin form: its values, the reasons by field and the message of a failed save. */
export type AdminForm = { values: FormValues; errors: FieldErrors; message?: string };

const ADMIN_SECTIONS = [
  ['/admin', 'admin.nav.home'],
  ['/admin/units', 'admin.nav.units'],
  ['/admin/boards', 'admin.nav.boards'],
  ['/admin/accounts', 'admin.nav.accounts'],
  ['/admin/criteria', 'admin.nav.criteria'],
  ['/admin/security', 'admin.nav.security'],
] as const;

export function AdminNav(p: { lang: Lang; current: string }) {
  return (
    <nav class="subnav" aria-label={t(p.lang, 'admin.nav')}>
      {ADMIN_SECTIONS.map(([href, key]) => (
        <a href={href} aria-current={href === p.current ? 'page' : undefined}>
          {t(p.lang, key)}
        </a>
      ))}
    </nav>
  );
}

function ReviewStatus(p: { lang: Lang; boards: Board[]; shown: NonNullable<AdminPageProps['review']['shown']> }) {
  const { lang, shown } = p;
  const scope = shown.scope === ALL_BOARDS ? t(lang, 'admin.reviewAll') : (p.boards.find((b) => b.id === shown.scope)?.name ?? shown.scope);
  const progress = shown.progress;
  const href = `/admin?review=${shown.year}&scope=${encodeURIComponent(shown.scope)}`;
  return (
    <div class="notice ok" role="status">
      {progress ? (
        <>
          <p>
            {t(lang, 'admin.reviewProgress', {
              year: shown.year,
              scope,
              done: progress.done,
              total: progress.total,
              failed: progress.failed,
            })}
          </p>
          <progress
            max={Math.max(progress.total, 1)}
            value={progress.total === 0 ? 1 : progress.done}
            aria-label={t(lang, 'admin.review')}
          />
          <p>{t(lang, progress.status === 'COMPLETED' ? 'admin.reviewCompleted' : 'admin.reviewRunning')}</p>
        </>
      ) : (
        <p>{t(lang, 'admin.reviewStarting', { year: shown.year, scope })}</p>
      )}
      {progress?.status === 'COMPLETED' ? null : <a href={href}>{t(lang, 'admin.reviewRefresh')}</a>}
    </div>
  );
}

export function AdminPage(props: AdminPageProps) {
  const { view, review, lookup } = props;
  const { lang } = view;
  const scopes = [{ value: ALL_BOARDS, label: t(lang, 'admin.reviewAll') }, ...props.boards.map((b) => ({ value: b.id, label: b.name }))];
  return (
    <Layout view={view} title={t(lang, 'admin.title')}>
      <h1>{t(lang, 'admin.title')}</h1>
      <AdminNav lang={lang} current="/admin" />
      <section class="card" aria-labelledby="review-title">
        <h2 id="review-title">{t(lang, 'admin.review')}</h2>
        <p class="hint">{t(lang, 'admin.reviewHelp')}</p>
        {review.shown ? <ReviewStatus lang={lang} boards={props.boards} shown={review.shown} /> : null}
        {review.message ? <Notice kind="error">{review.message}</Notice> : null}
        <form method="post" action="/admin/reviews">
          <div class="row">
            <TextInput
              id="review-year"
              name="year"
              type="number"
              inputmode="numeric"
              label={t(lang, 'admin.reviewYear')}
              value={review.year}
              error={review.errors.year}
              required
            />
            <Select
              lang={lang}
              id="review-scope"
              name="scope"
              label={t(lang, 'admin.reviewScope')}
              value={review.scope}
              error={review.errors.scope}
              options={scopes}
              required
            />
          </div>
          <button type="submit">{t(lang, 'admin.reviewSubmit')}</button>
        </form>
      </section>
      {props.attention.length > 0 || props.recovery ? <AttentionList lang={lang} items={props.attention} notice={props.recovery} /> : null}
      <section class="card" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t(lang, 'admin.lookup')}</h2>
        <p class="hint">{t(lang, 'admin.lookupHelp')}</p>
        {lookup.message ? <Notice kind="error">{lookup.message}</Notice> : null}
        <form method="get" action="/admin">
          <div class="row">
            <TextInput id="lookup-unit" name="unitId" label={t(lang, 'field.unitId')} value={lookup.unitId} error={lookup.errors.unitId} />
            <TextInput
              id="lookup-board"
              name="boardId"
              label={t(lang, 'field.boardId')}
              value={lookup.boardId}
              error={lookup.errors.boardId}
            />
          </div>
          <button type="submit">{t(lang, 'admin.lookupSubmit')}</button>
        </form>
        {lookup.models ? <ModelTable lang={lang} models={lookup.models} empty={t(lang, 'admin.noResults')} /> : null}
      </section>
    </Layout>
  );
}
