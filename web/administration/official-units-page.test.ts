import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../local/seed-demo.ts';
import { freshTable } from '../../test/support/fresh-table.ts';
import { startSession } from '../platform/session.ts';
import { featureRoutes } from '../routes.ts';
import type { UserActor } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';
import { UnitsPage } from './admin-org-pages.tsx';

/** The units page shows each unit's official code and imports the official list (all provinces, or one). */
const html = async (element: unknown) => String(await element);
/** A unit's line in the tree: from its id to its edit link. */
const line = (page: string, id: string) => {
  const at = page.indexOf(`<code>${id}</code>`);
  expect(at, id).toBeGreaterThan(-1);
  return page.slice(at, page.indexOf('<a ', at));
};

describe('the units page', () => {
  it('shows the official code beside a unit that has one, in the code field of the form, and the import form', async () => {
    const page = await html(
      UnitsPage({
        view: { lang: 'vi', path: '/admin/units' },
        units: [
          { id: 'tinh-qn', name: 'Tỉnh Quảng Ninh', type: 'PROVINCE', level: 'PROVINCE', boardId: 'ban-tinh-qn', code: '22' },
          {
            id: 'hoi-nong-dan-qn',
            name: 'Hội Nông dân',
            type: 'ASSOCIATION',
            level: 'PROVINCE',
            parentId: 'tinh-qn',
            boardId: 'ban-tinh-qn',
          },
        ],
        boards: [],
        form: { values: { id: 'tinh-qn', code: '22' }, errors: {} },
        provinces: [
          { code: '22', name: 'Tỉnh Quảng Ninh' },
          { code: '01', name: 'Thành phố Hà Nội' },
        ],
        imported: { created: 52, updated: 0, unchanged: 3 },
      }),
    );
    expect(line(page, 'tinh-qn')).toContain('mã hành chính 22');
    expect(line(page, 'hoi-nong-dan-qn')).not.toContain('mã hành chính');
    expect(page).toMatch(/<input[^>]*id="unit-code"[^>]*name="code"[^>]*value="22"/);
    expect(page).toContain('Đã nhập danh mục: 52 đơn vị mới, 0 đơn vị cập nhật, 3 đơn vị không đổi.');
    const form = page.slice(page.indexOf('action="/admin/units/import-official"'));
    // All provinces, or one by its place name (Hà Nội before Quảng Ninh).
    expect([...form.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['', 'Cả 34 tỉnh, thành phố'],
      ['01', 'Thành phố Hà Nội (01)'],
      ['22', 'Tỉnh Quảng Ninh (22)'],
    ]);
  });

  it('imports one province from the page and shows the codes and the counts', async () => {
    const deps = {
      ...(await freshTable('dvhc-page')),
      sessionSecret: 'test-secret-test-secret-test-secret',
      secureCookies: false,
      now: () => new Date(),
    } as unknown as WebDeps;
    await seedDemo(deps);
    const app = featureRoutes(deps);
    const cookie = async (actor: UserActor) => {
      const maker = new Hono().get('/', async (c) => {
        await startSession(c, deps, actor, actor.username);
        return c.body(null);
      });
      return ((await maker.request('/')).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    const admin = await cookie({ kind: 'user', username: 'quantri', role: 'admin' });

    const before = await (await app.request('/admin/units', { headers: { cookie: admin } })).text();
    expect(line(before, 'phuong-dong-ha')).toContain('mã hành chính 19333');
    expect(before.match(/<select id="official-province"[\s\S]*?<\/select>/)?.[0].match(/<option /g)).toHaveLength(35);

    const post = () =>
      app.request('/admin/units/import-official', {
        method: 'POST',
        headers: { cookie: admin },
        body: new URLSearchParams({ provinceCode: '44' }),
      });
    const res = await post();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/units?imported=1&created=77&updated=0&unchanged=2#main');
    const after = await (await app.request(res.headers.get('location')!, { headers: { cookie: admin } })).text();
    expect(after).toContain('Đã nhập danh mục: 77 đơn vị mới, 0 đơn vị cập nhật, 2 đơn vị không đổi.');
    expect(line(after, 'dvhc-19351')).toContain('mã hành chính 19351');
    expect((await post()).headers.get('location')).toBe('/admin/units?imported=1&created=0&updated=0&unchanged=79#main');

    const board = await cookie({ kind: 'user', username: 'ban.quangtri', role: 'board', boardId: 'ban-tinh-qt' });
    const refused = await app.request('/admin/units/import-official', {
      method: 'POST',
      headers: { cookie: board },
      body: new URLSearchParams(),
    });
    expect(refused.status).toBe(403);
  });
});
