import type { Hono } from 'hono';
import { ValidationError } from '../../core/errors.ts';
import { checkImport, importReport, listImports, startImport } from '../../core/use-cases/import-models.ts';
import { message, t, type Lang } from '../i18n/dictionary.ts';
import { uploadedFile } from '../registration/evidence-routes.ts';
import { Layout, Notice, Badge } from '../ui/layout.tsx';
import { DataTable } from '../ui/tables.tsx';
import { formatCount } from '../ui/format.ts';
import { render, requirePage, viewOf, type PageEnv } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import type { ImportJob } from '../../core/use-cases/import-models.ts';
import { renderedIssues } from './import-schemas.ts';
import { importBodyLimit } from './import-routes.ts';

/** At most this many refused rows on the page; the report has them all. */
const SHOWN_REFUSED = 500;
const jobHref = (jobId: string) => `/imports/${encodeURIComponent(jobId)}`;

function StatusOf(props: { lang: Lang; job: ImportJob }) {
  const kind = props.job.status === 'COMPLETED' ? 'ok' : props.job.status === 'FAILED' ? 'warn' : undefined;
  return <Badge class={kind}>{t(props.lang, `imports.status.${props.job.status}`)}</Badge>;
}

function UploadPage(props: { lang: Lang; jobs: ImportJob[]; error?: string }) {
  const { lang } = props;
  return (
    <>
      <h1>{t(lang, 'imports.title')}</h1>
      <p>{t(lang, 'imports.intro')}</p>
      <p>
        <a href="/api/imports/models/template.xlsx" download>
          {t(lang, 'imports.template')}
        </a>
      </p>
      {props.error ? <Notice kind="error">{props.error}</Notice> : null}
      <form method="post" action="/imports" enctype="multipart/form-data">
        <label for="import-file">{t(lang, 'imports.file')}</label>
        <p class="hint" id="import-file-hint">
          {t(lang, 'imports.fileHint')}
        </p>
        <input id="import-file" type="file" name="file" required accept=".xlsx,.csv,text/csv" aria-describedby="import-file-hint" />
        <p>
          <button type="submit">{t(lang, 'imports.check')}</button>
        </p>
      </form>
      <h2>{t(lang, 'imports.recent')}</h2>
      {props.jobs.length === 0 ? (
        <p>{t(lang, 'imports.none')}</p>
      ) : (
        <DataTable
          headers={[t(lang, 'imports.when'), t(lang, 'imports.fileName'), t(lang, 'imports.status'), t(lang, 'imports.counts')]}
          rows={props.jobs.map((job) => ({
            cells: [
              new Date(job.createdAt).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }),
              <a href={jobHref(job.jobId)}>{job.fileName}</a>,
              <StatusOf lang={lang} job={job} />,
              t(lang, 'imports.countsText', {
                read: formatCount(lang, job.read),
                planned: formatCount(lang, job.planned),
                refused: formatCount(lang, job.refused),
              }),
            ],
          }))}
        />
      )}
    </>
  );
}

function JobPage(props: { lang: Lang; job: ImportJob; refused: { row: number; issues: ReturnType<typeof renderedIssues> }[] }) {
  const { lang, job } = props;
  const n = (value: number) => formatCount(lang, value);
  const toImport = job.planned - job.alreadyIn;
  const running = job.status === 'RUNNING';
  return (
    <>
      <h1>{t(lang, 'imports.jobTitle', { file: job.fileName })}</h1>
      <p>
        <StatusOf lang={lang} job={job} />
      </p>
      {job.status === 'COMPLETED' ? (
        <Notice kind="ok">{t(lang, 'imports.completed', { imported: n(job.imported), skipped: n(job.skipped) })}</Notice>
      ) : null}
      {job.status === 'FAILED' ? <Notice kind="error">{t(lang, 'imports.failed', { error: job.error ?? '' })}</Notice> : null}
      {running ? (
        <div class="notice ok" role="status" data-import-poll={`/api/imports/${encodeURIComponent(job.jobId)}`}>
          <label for="import-progress">{t(lang, 'imports.progressLabel')}</label>{' '}
          <progress id="import-progress" data-import-bar max={Math.max(job.planned, 1)} value={job.done}></progress>{' '}
          <span data-import-text={t(lang, 'imports.progress', { done: '{done}', planned: '{planned}' })}>
            {t(lang, 'imports.progress', { done: n(job.done), planned: n(job.planned) })}
          </span>
        </div>
      ) : null}
      <h2>{t(lang, 'imports.summary')}</h2>
      <dl class="summary">
        <dt>{t(lang, 'imports.read')}</dt>
        <dd>{n(job.read)}</dd>
        <dt>{t(lang, 'imports.planned')}</dt>
        <dd>{n(job.planned)}</dd>
        <dt>{t(lang, 'imports.alreadyIn')}</dt>
        <dd>{n(job.alreadyIn)}</dd>
        <dt>{t(lang, 'imports.refusedCount')}</dt>
        <dd>{n(job.refused)}</dd>
        {job.status === 'COMPLETED' || running ? (
          <>
            <dt>{t(lang, 'imports.imported')}</dt>
            <dd>{n(job.imported)}</dd>
            <dt>{t(lang, 'imports.skipped')}</dt>
            <dd>{n(job.skipped)}</dd>
          </>
        ) : null}
      </dl>
      {job.status === 'CHECKED' || job.status === 'FAILED' ? (
        toImport > 0 || job.status === 'FAILED' ? (
          <form method="post" action={`${jobHref(job.jobId)}/start`}>
            <button type="submit" data-confirm={t(lang, 'imports.confirmAsk', { count: n(toImport) })}>
              {job.status === 'FAILED' ? t(lang, 'imports.resume') : t(lang, 'imports.confirm', { count: n(toImport) })}
            </button>
          </form>
        ) : (
          <p>{t(lang, 'imports.nothingToImport')}</p>
        )
      ) : null}
      <h2>{t(lang, 'imports.refusedTitle')}</h2>
      {job.refused === 0 ? (
        <p>{t(lang, 'imports.noneRefused')}</p>
      ) : (
        <>
          <p>{t(lang, 'imports.refusedHint')}</p>
          <p>
            <a href={`/api/imports/${encodeURIComponent(job.jobId)}/report.xlsx`} download>
              {t(lang, 'imports.report')}
            </a>
          </p>
          {job.refused > SHOWN_REFUSED ? <p>{t(lang, 'imports.refusedMore', { shown: n(SHOWN_REFUSED), total: n(job.refused) })}</p> : null}
          <DataTable
            headers={[t(lang, 'imports.row'), t(lang, 'imports.column'), t(lang, 'imports.reason')]}
            rows={props.refused.flatMap(({ row, issues }) =>
              issues.map((issue) => ({ cells: [String(row), issue.header, issue.reason[lang]] })),
            )}
          />
        </>
      )}
      <p>
        <a href="/imports">{t(lang, 'imports.back')}</a>
      </p>
    </>
  );
}

/** The import page: upload and check, the check's report, confirm, progress, result. */
export function addImportPages(pages: Hono<PageEnv>, deps: WebDeps) {
  const page = requirePage(deps, 'board', 'admin');
  pages.get('/imports', page, async (c) => {
    const view = viewOf(c);
    return render(
      c,
      <Layout view={view} title={t(view.lang, 'imports.title')}>
        <UploadPage lang={view.lang} jobs={await listImports(deps, c.var.actor)} />
      </Layout>,
    );
  });
  pages.post('/imports', importBodyLimit, page, async (c) => {
    const view = viewOf(c);
    try {
      const { job } = await checkImport(deps, c.var.actor, await uploadedFile(c.req));
      return c.redirect(jobHref(job.jobId), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const reason = error.issues.map((issue) => message(view.lang, issue.key, issue.params)).join('; ');
      return render(
        c,
        <Layout view={view} title={t(view.lang, 'imports.title')}>
          <UploadPage
            lang={view.lang}
            jobs={await listImports(deps, c.var.actor)}
            error={`${message(view.lang, error.key, error.params)}: ${reason}`}
          />
        </Layout>,
        422,
      );
    }
  });
  pages.get('/imports/:jobId', page, async (c) => {
    const view = viewOf(c);
    const { job, refused } = await importReport(deps, c.var.actor, c.req.param('jobId'));
    const shown = refused.slice(0, SHOWN_REFUSED);
    return render(
      c,
      <Layout view={view} title={t(view.lang, 'imports.jobTitle', { file: job.fileName })}>
        <JobPage lang={view.lang} job={job} refused={shown.map((r) => ({ row: r.row, issues: renderedIssues(r) }))} />
      </Layout>,
    );
  });
  pages.post('/imports/:jobId/start', page, async (c) => {
    const job = await startImport(deps, c.var.actor, c.req.param('jobId'));
    return c.redirect(jobHref(job.jobId), 303);
  });
}
