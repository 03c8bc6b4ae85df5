import { describe, expect, it } from 'vitest';
import { AdminPage, type AdminPageProps } from './admin-page.tsx';

const html = async (element: unknown) => String(await element);
const props = (attention: AdminPageProps['attention'], lang: 'vi' | 'en' = 'vi'): AdminPageProps => ({
  view: { lang, path: '/admin' },
  boards: [],
  review: { year: '2026', scope: 'ALL', errors: {} },
  lookup: { unitId: '', boardId: '', errors: {} },
  attention,
});

describe('the administrator page', () => {
  it('lists models whose workflow stopped on an error, with the error, escaped, in Vietnamese first', async () => {
    const page = await html(
      AdminPage(
        props([
          {
            modelId: 'm-1',
            year: 2026,
            executionName: 'm-1-y2026',
            error: 'NotFoundError',
            cause: '<b>model gone</b>',
            at: '2026-12-02T04:00:00.000Z',
          },
        ]),
      ),
    );
    expect(page).toContain('Mô hình cần xử lý');
    expect(page).toContain('href="/models/m-1"');
    expect(page).toContain('NotFoundError');
    expect(page).toContain('&lt;b&gt;model gone&lt;/b&gt;');
    expect(
      await html(AdminPage(props([{ modelId: 'm-1', year: 2026, executionName: 'x', error: 'E', cause: '', at: '' }], 'en'))),
    ).toContain('Models needing attention');
  });

  it('says why an orphaned model is listed, in both languages, with a recover button that posts its id', async () => {
    const orphan: AdminPageProps['attention'][number] = {
      modelId: 'm-2',
      year: 2026,
      executionName: 'm-2-r',
      error: 'ExecutionStoppedOutsideApp',
      cause: 'm-2-r ABORTED while the model is SUBMITTED',
      at: '2026-12-02T04:00:00.000Z',
      orphaned: true,
      endedAs: 'ABORTED',
      phase: 'REGISTRATION',
      recoverable: true,
      waitingIn: 'SUBMITTED',
    };
    const vi = await html(AdminPage(props([orphan])));
    expect(vi).toContain('Quy trình bị dừng ngoài ứng dụng');
    expect(vi).toContain('Quy trình: m-2-r');
    expect(vi).toMatch(
      /<form method="post" action="\/admin\/attention\/recover"><input type="hidden" name="modelId" value="m-2"\/?><button type="submit"[^>]*>Khôi phục quy trình<\/button>/,
    );
    const en = await html(AdminPage(props([orphan], 'en')));
    expect(en).toContain('Execution stopped outside the app');
    expect(en).toContain('Recover the workflow');
    // A failed step that is not orphaned has no button; one whose model is carried again is not listed at all.
    expect(await html(AdminPage(props([{ ...orphan, orphaned: undefined, endedAs: undefined, recoverable: undefined }])))).not.toContain(
      '/admin/attention/recover',
    );
    for (const endedAs of ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'TOKEN_GONE'] as const) {
      expect(await html(AdminPage(props([{ ...orphan, endedAs }], 'en')))).toMatch(/outside the app|failed|maximum duration/);
    }
  });

  it('shows what a recovery did above the list, even when the list is empty now', async () => {
    const page = await html(AdminPage({ ...props([]), recovery: { kind: 'ok', message: 'Đã khôi phục mô hình m-3' } }));
    expect(page).toContain('Mô hình cần xử lý');
    expect(page).toContain('Đã khôi phục mô hình m-3');
  });

  it('shows no such section while nothing needs attention', async () => {
    expect(await html(AdminPage(props([])))).not.toContain('Mô hình cần xử lý');
  });
});
