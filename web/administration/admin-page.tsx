import type { Model } from '../../core/model.ts';
import type { Board, ReviewProgress, Unit } from '../../core/records.ts';
import type { AttentionRow } from '../../core/use-cases/attention.ts';
import { t, type Lang } from '../i18n/dictionary.ts';
import { byName, Select, TextInput, type FieldErrors, type FormValues } from '../ui/forms.tsx';
import { Layout, Notice, type View } from '../ui/layout.tsx';
import { formatDateTime } from '../ui/format.ts';
import { ModelTable } from '../ui/tables.tsx';
import { AttentionList, type RecoveryNotice } from './attention-section.tsx';

export const ALL_BOARDS = 'ALL';

export type AdminPageProps = {
  view: View;
  boards: Board[];
  /** For the lookup's unit picker. */
  units?: Unit[];
  /** The review form; after opening one, the review shown with its progress (none yet while it starts). */
  review: {
    year: string;
    scope: string;
    errors: FieldErrors;
    message?: string;
    shown?: { year: number; scope: string; progress?: ReviewProgress };
  };
  /** The reviews held, newest year first (core/use-cases/yearly-review.ts listReviews). */
  reviews?: ReviewProgress[];
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
  ['/admin/mail', 'nav.mail'],
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

/** The JSON progress a page follows while a review runs (forms.js polls it; without script, the refresh link). */
export const reviewApiPath = (scope: string, year: number) => `/api/reviews/${encodeURIComponent(scope)}/${year}`;
const reviewHref = (scope: string, year: number) => `/admin?review=${year}&scope=${encodeURIComponent(scope)}`;

function scopeName(lang: Lang, boards: Board[], scope: string) {
  return scope === ALL_BOARDS ? t(lang, 'admin.reviewAll') : (boards.find((b) => b.id === scope)?.name ?? scope);
}

/** A review's bar; forms.js keeps it (and its data-review-* neighbours) current from the JSON progress. */
function ReviewBar(p: { lang: Lang; progress: ReviewProgress }) {
  return (
    <progress
      data-review-bar=""
      max={Math.max(p.progress.total, 1)}
      value={p.progress.total === 0 ? 1 : p.progress.done}
      aria-label={t(p.lang, 'admin.review')}
    />
  );
}

function ReviewStatus(p: { lang: Lang; boards: Board[]; shown: NonNullable<AdminPageProps['review']['shown']> }) {
  const { lang, shown } = p;
  const scope = scopeName(lang, p.boards, shown.scope);
  const progress = shown.progress;
  const running = progress?.status !== 'COMPLETED';
  // The sentence with its numbers left as placeholders, for forms.js to fill from the JSON progress.
  const template = t(lang, 'admin.reviewProgress', { year: shown.year, scope });
  // Counting still (no progress yet): the parts forms.js fills once the progress exists are there, hidden.
  const shownProgress = progress ?? { done: 0, total: 0, failed: 0 };
  return (
    <div class="notice ok" role="status" data-review-poll={running ? reviewApiPath(shown.scope, shown.year) : undefined}>
      {progress ? null : <p data-review-starting="">{t(lang, 'admin.reviewStarting', { year: shown.year, scope })}</p>}
      <p data-review-text={template} hidden={!progress}>
        {progress
          ? t(lang, 'admin.reviewProgress', {
              year: shown.year,
              scope,
              done: progress.done,
              total: progress.total,
              failed: progress.failed,
            })
          : ''}
      </p>
      <progress
        data-review-bar=""
        hidden={!progress}
        max={Math.max(shownProgress.total, 1)}
        value={shownProgress.total === 0 ? 1 : shownProgress.done}
        aria-label={t(lang, 'admin.review')}
      />
      <p data-review-state="" data-completed={t(lang, 'admin.reviewCompleted')} hidden={!progress}>
        {t(lang, running ? 'admin.reviewRunning' : 'admin.reviewCompleted')}
      </p>
      {running ? (
        <a href={reviewHref(shown.scope, shown.year)} data-review-refresh="">
          {t(lang, 'admin.reviewRefresh')}
        </a>
      ) : null}
    </div>
  );
}

/** The reviews held: each year and scope, when it opened, how many models, its progress, done or not. */
function ReviewList(p: { lang: Lang; boards: Board[]; reviews: ReviewProgress[] }) {
  const { lang } = p;
  const headers = (['year', 'scope', 'opened', 'models', 'progress', 'state'] as const).map((h) => t(lang, `admin.reviews.${h}`));
  return (
    <section aria-labelledby="reviews-title">
      <h3 id="reviews-title">{t(lang, 'admin.reviews.title')}</h3>
      <p class="hint">{t(lang, 'admin.reviews.help')}</p>
      {p.reviews.length === 0 ? (
        <p>{t(lang, 'admin.reviews.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="stack" data-reviews="">
            <thead>
              <tr>
                {headers.map((header) => (
                  <th scope="col">{header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.reviews.map((review) => {
                const running = review.status !== 'COMPLETED';
                const cells = [
                  <a href={reviewHref(review.scope, review.year)}>{review.year}</a>,
                  scopeName(lang, p.boards, review.scope),
                  formatDateTime(review.startedAt),
                  <span data-review-total="">{review.total}</span>,
                  <>
                    <span data-review-text={t(lang, 'admin.reviews.progressCell')}>
                      {t(lang, 'admin.reviews.progressCell', { done: review.done, total: review.total, failed: review.failed })}
                    </span>{' '}
                    <ReviewBar lang={lang} progress={review} />
                  </>,
                  <span data-review-state="" data-completed={t(lang, 'admin.reviews.completed')}>
                    {t(lang, running ? 'admin.reviews.running' : 'admin.reviews.completed')}
                  </span>,
                ];
                return (
                  <tr data-review-poll={running ? reviewApiPath(review.scope, review.year) : undefined}>
                    {cells.map((cell, i) => (
                      <td data-label={headers[i]}>
                        <div>{cell}</div>
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
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
        <ReviewList lang={lang} boards={props.boards} reviews={props.reviews ?? []} />
      </section>
      {props.attention.length > 0 || props.recovery ? <AttentionList lang={lang} items={props.attention} notice={props.recovery} /> : null}
      <section class="card" aria-labelledby="lookup-title">
        <h2 id="lookup-title">{t(lang, 'admin.lookup')}</h2>
        <p class="hint">{t(lang, 'admin.lookupHelp')}</p>
        {lookup.message ? <Notice kind="error">{lookup.message}</Notice> : null}
        <form method="get" action="/admin">
          <div class="row">
            {/* Picked by name, with the official code beside it: nobody types an id. */}
            <Select
              lang={lang}
              id="lookup-unit"
              name="unitId"
              label={t(lang, 'field.unitId')}
              value={lookup.unitId}
              error={lookup.errors.unitId}
              options={byName(props.units ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.id})` }))}
            />
            <Select
              lang={lang}
              id="lookup-board"
              name="boardId"
              label={t(lang, 'field.boardId')}
              value={lookup.boardId}
              error={lookup.errors.boardId}
              options={byName(props.boards).map((b) => ({ value: b.id, label: `${b.name} (${b.id})` }))}
            />
          </div>
          <button type="submit">{t(lang, 'admin.lookupSubmit')}</button>
        </form>
        {lookup.models ? <ModelTable lang={lang} models={lookup.models} empty={t(lang, 'admin.noResults')} /> : null}
      </section>
    </Layout>
  );
}
