import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../local/seed-demo.ts';
import { freshTable } from '../../test/support/fresh-table.ts';
import { THIS_YEAR } from '../../test/support/years.ts';
import { registerModel } from '../../core/use-cases/register-model.ts';
import { registrationBody, unitActor } from '../../test/support/use-case-world.ts';
import { startSession } from '../platform/session.ts';
import { featureRoutes } from '../routes.ts';
import type { UserActor } from '../ui/page-support.tsx';
import type { WebDeps } from '../web-deps.ts';

/** The unit page: official code, successor, the merge history, and the form that records a merger. */
describe('the unit page', () => {
  it('records a merger from the form and shows it on both units; the model page says who registered it', async () => {
    const deps = {
      ...(await freshTable('unit-page')),
      sessionSecret: 'test-secret-test-secret-test-secret',
      secureCookies: false,
      now: () => new Date(),
    } as unknown as WebDeps;
    await seedDemo(deps);
    const model = await registerModel(deps, unitActor('phuong-dong-ha'), registrationBody({ name: 'Mô hình Đông Hà' }), { submit: false });
    const app = featureRoutes(deps);
    const cookie = async (actor: UserActor) => {
      const maker = new Hono().get('/', async (c) => {
        await startSession(c, deps, actor, actor.username);
        return c.body(null);
      });
      return ((await maker.request('/')).headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    const admin = await cookie({ kind: 'user', username: 'quantri', role: 'admin' });
    const page = async (path: string, who = admin) => app.request(path, { headers: { cookie: who } });

    const before = await (await page('/admin/units/xa-quang-la')).text();
    expect(before).toContain('Đơn vị: Xã Quảng La');
    expect(before).toContain('07054');
    expect(before).toContain('Chưa có thay đổi nào.');
    expect(before).toMatch(/<select id="merge-from" name="from" multiple/);
    expect(before).toContain('data-confirm="Chuyển toàn bộ mô hình');

    const post = (body: URLSearchParams) =>
      app.request('/admin/units/xa-quang-la/merge', { method: 'POST', headers: { cookie: admin }, body });
    const bad = await post(new URLSearchParams({ from: 'phuong-dong-ha', date: '01/07/2026' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('ngày theo dạng yyyy-mm-dd');

    const res = await post(new URLSearchParams({ from: 'phuong-dong-ha', date: `${THIS_YEAR}-07-01`, note: 'Theo nghị quyết' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/units/xa-quang-la?recorded=1&models=1&accounts=1#main');
    const after = await (await page(res.headers.get('location')!)).text();
    expect(after).toContain('Đã ghi nhận: 1 mô hình, 1 tài khoản được chuyển.');
    expect(after).toContain('Sáp nhập');
    expect(after).toContain('Theo nghị quyết');
    const old = await (await page('/admin/units/phuong-dong-ha')).text();
    expect(old).toContain('Không còn');
    expect(old).toMatch(/Nay thuộc[\s\S]*href="\/admin\/units\/xa-quang-la"/);
    expect(old).not.toContain('id="merge-form"');

    // The board of the jurisdiction reads it (no form); another board does not.
    const qn = await cookie({ kind: 'user', username: 'ban.quangninh', role: 'board', boardId: 'ban-tinh-qn' });
    const boardView = await (await page('/admin/units/phuong-dong-ha', qn)).text();
    expect(boardView).toContain('Sáp nhập');
    expect(boardView).not.toContain('id="merge-form"');
    const qt = await cookie({ kind: 'user', username: 'ban.quangtri', role: 'board', boardId: 'ban-tinh-qt' });
    expect((await page('/admin/units/xa-quang-la', qt)).status).toBe(404);

    const officer = await cookie({ kind: 'user', username: 'donvi.quangla', role: 'unit', unitId: 'xa-quang-la' });
    const modelPage = await (await page(`/models/${model.id}`, officer)).text();
    expect(modelPage).toContain('Đăng ký bởi Phường Đông Hà, nay thuộc Xã Quảng La');
  });
});
