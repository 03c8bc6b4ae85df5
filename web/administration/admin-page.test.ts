import { describe, expect, it } from 'vitest';
import type { ReviewProgress } from '../../core/records.ts';
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

  describe('the yearly reviews', () => {
    const review = (over: Partial<ReviewProgress>): ReviewProgress => ({
      scope: 'ALL',
      year: 2026,
      status: 'RUNNING',
      total: 1250,
      done: 400,
      failed: 2,
      lastPage: 1,
      startedAt: '2026-12-15T00:00:00.000Z',
      ...over,
    });
    const boards = [{ id: 'ban-tinh-qn', name: 'Ban Quảng Ninh', level: 'PROVINCE' as const, unitId: 'tinh-qn' }];

    it('lists the reviews held: year, scope, when opened, models, progress, done or not; only a running one is followed', async () => {
      const reviews = [
        review({}),
        review({
          year: 2025,
          scope: 'ban-tinh-qn',
          status: 'COMPLETED',
          total: 30,
          done: 30,
          failed: 0,
          startedAt: '2025-12-15T00:05:00.000Z',
        }),
      ];
      const page = await html(AdminPage({ ...props([]), boards, reviews }));
      const rows = page.slice(page.indexOf('data-reviews')).split('<tr').slice(2);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('data-review-poll="/api/reviews/ALL/2026"');
      expect(rows[0]).toContain('href="/admin?review=2026&amp;scope=ALL"');
      expect(rows[0]).toContain('Tất cả các ban');
      expect(rows[0]).toContain('15/12/2026 07:00');
      expect(rows[0]).toContain('400/1250 đã chuyển sang báo cáo năm, 2 lỗi');
      expect(rows[0]).toContain('data-review-text="{done}/{total} đã chuyển sang báo cáo năm, {failed} lỗi"');
      expect(rows[0]).toMatch(/<progress data-review-bar="" max="1250" value="400"/);
      expect(rows[0]).toContain('Đang chạy');
      expect(rows[1]).not.toContain('data-review-poll');
      expect(rows[1]).toContain('Ban Quảng Ninh');
      expect(rows[1]).toContain('15/12/2025 07:05');
      expect(rows[1]).toContain('Đã hoàn tất');
      const en = await html(AdminPage({ ...props([], 'en'), boards, reviews }));
      expect(en).toContain('Reviews held');
      expect(en).toContain('400/1250 moved to their report, 2 failed');
      expect(await html(AdminPage({ ...props([]), reviews: [] }))).toContain('Chưa mở kỳ sơ kết nào.');
    });

    it('follows the review just opened while it runs or counts, with a refresh link for a page without script', async () => {
      const shown = (progress?: ReviewProgress) => ({
        ...props([]),
        review: { year: '2026', scope: 'ALL', errors: {}, shown: { year: 2026, scope: 'ALL', progress } },
      });
      const running = await html(AdminPage(shown(review({}))));
      const status = running.slice(running.indexOf('role="status"') - 40, running.indexOf('</div>', running.indexOf('role="status"')));
      expect(status).toContain('data-review-poll="/api/reviews/ALL/2026"');
      expect(status).toContain(
        'data-review-text="Sơ kết năm 2026 (Tất cả các ban): {done}/{total} mô hình đã chuyển sang báo cáo năm, {failed} lỗi."',
      );
      expect(status).toContain('data-completed="Đã hoàn tất."');
      expect(status).toContain('href="/admin?review=2026&amp;scope=ALL" data-review-refresh');
      const counting = await html(AdminPage(shown(undefined)));
      expect(counting).toContain('data-review-poll="/api/reviews/ALL/2026"');
      expect(counting).toContain('<p data-review-starting="">Đã mở sơ kết năm 2026 (Tất cả các ban); đang đếm các mô hình.</p>');
      // What forms.js fills once the progress exists is there, hidden.
      expect(counting).toMatch(/<p data-review-text="Sơ kết năm 2026 [^"]*" hidden=""><\/p>/);
      const done = await html(AdminPage(shown(review({ status: 'COMPLETED', done: 1250 }))));
      expect(done).not.toContain('data-review-poll');
      expect(done).not.toContain('data-review-refresh');
    });
  });
});
