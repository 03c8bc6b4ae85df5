import { describe, expect, it } from 'vitest';
import { AdminPage, type AdminPageProps } from './admin-page.tsx';

const html = async (element: unknown) => String(await element);
const props = (attention: AdminPageProps['attention'], lang: 'vi' | 'en' = 'vi'): AdminPageProps => ({
  view: { lang, path: '/admin' } as AdminPageProps['view'],
  boards: [],
  review: { year: '2026', scope: 'ALL', errors: {} },
  lookup: { unitId: '', boardId: '', errors: {} },
  attention,
});

describe('the administrator page', () => {
  it('lists models whose workflow stopped on an error, with the error, escaped, in Vietnamese first', async () => {
    const page = await html(AdminPage(props([{ modelId: 'm-1', year: 2026, executionName: 'm-1-y2026', error: 'NotFoundError', cause: '<b>model gone</b>', at: '2026-12-02T04:00:00.000Z' }])));
    expect(page).toContain('Mô hình cần xử lý');
    expect(page).toContain('href="/models/m-1"');
    expect(page).toContain('NotFoundError');
    expect(page).toContain('&lt;b&gt;model gone&lt;/b&gt;');
    expect(await html(AdminPage(props([{ modelId: 'm-1', year: 2026, executionName: 'x', error: 'E', cause: '', at: '' }], 'en')))).toContain('Models needing attention');
  });

  it('shows no such section while nothing needs attention', async () => {
    expect(await html(AdminPage(props([])))).not.toContain('Mô hình cần xử lý');
  });
});
