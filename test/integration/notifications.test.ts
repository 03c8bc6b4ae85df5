import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchNotifications } from '../../core/use-cases/notifications.ts';
import { openTask } from '../../core/use-cases/workflow-steps.ts';
import { renderNotificationMail } from '../../web/notifications/notification-mail.ts';
import { getTask } from '../../core/store/task-store.ts';
import type { Runtime, RuntimeConfig } from '../../local/runtime.ts';
import { ApiClient } from '../support/api-client.ts';
import { freePort } from '../support/free-port.ts';
import { register, waitForStep } from '../support/lifecycle-driver.ts';
import { LONG_TIMEOUTS, eventually, startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

/**
 * Notifications end to end (issue 17): a model's registration waits on the board, goes overdue,
 * its wait re-opens, the runtime restarts, a step is delivered to the task again, the board
 * decides, the yearly review opens and the report waits on the unit. The local mail catcher then
 * holds exactly one message per event and recipient, in each reader's language, a digest reader
 * gets one digest, and an account that turned mail off gets none.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'dvk-notify-'));
let runtime: Runtime | undefined;
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function messages(): Promise<ParsedMail[]> {
  const folder = join(dataDir, 'mail');
  return Promise.all(
    readdirSync(folder)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => simpleParser(readFileSync(join(folder, f)))),
  );
}
const toOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0]!.text : m.to!.text);

describe('notifications', () => {
  it('sends each event once to each recipient, whatever retries, restarts and re-opened steps', { timeout: 240_000 }, async () => {
    const config: Partial<RuntimeConfig> = {
      dataDir,
      tableName: 'notify',
      webPort: await freePort(),
      sfnPort: await freePort(),
      dynamoPort: await freePort(),
      mailPort: await freePort(),
      // The registration review is due in 2 s: it goes overdue and waits again (a new token, the same step).
      timeouts: { ...LONG_TIMEOUTS, registrationReview: 2 },
    };
    runtime = await startTestRuntime(config);
    const sign = (user: string) => ApiClient.signIn(runtime!.webUrl, user);
    const [unit, board, specialist, committee] = await Promise.all([
      sign('donvi.halong'),
      sign('ban.quangninh'),
      sign('chuyenvien.qn'),
      sign('thuongtruc.qn'),
    ]);
    // Each reader's own choice: the board member reads English, the specialist a daily digest, the committee nothing.
    expect((await board.call('PUT', '/api/account/notifications', { notify: 'IMMEDIATE', lang: 'en' })).status).toBe(200);
    expect((await specialist.call('PUT', '/api/account/notifications', { notify: 'DIGEST', lang: 'vi' })).status).toBe(200);
    expect((await committee.call('PUT', '/api/account/notifications', { notify: 'OFF', lang: 'vi' })).status).toBe(200);
    expect((await unit.get('/api/account/notifications')).body).toMatchObject({ email: 'donvi.halong@example.org', notify: 'IMMEDIATE' });

    const id = await register(unit, { name: 'Dân vận khéo: hiến đất mở đường khu phố 5' });
    await waitForStep(board, id, 'REGISTRATION_REVIEW');
    const overdue = await eventually(async () => {
      const task = await getTask(runtime!.webDeps, id, THIS_YEAR, 'REGISTRATION_REVIEW');
      return task?.overdue ? task : undefined;
    }, 'the review to go overdue');
    await runtime.mail.dispatch();

    // The runtime stops and starts again on the same data; the open-task Lambda is then delivered
    // the same step again (as a retry would), with a token of its own.
    await runtime.stop();
    runtime = await startTestRuntime(config);
    await openTask(runtime.webDeps, {
      modelId: id,
      year: THIS_YEAR,
      stage: 'REGISTRATION_REVIEW',
      taskToken: 'redelivered-token',
      timeoutSeconds: 86_400,
      handOverAfterSeconds: 10 * 86_400,
      executionStartedAt: overdue.openedAt,
    }).catch(() => undefined);
    const boardAgain = await sign('ban.quangninh');
    await waitForStep(boardAgain, id, 'REGISTRATION_REVIEW');
    const decided = await boardAgain.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(decided.status).toBe(200);
    const adminAgain = await sign('quantri');
    expect((await adminAgain.post('/api/reviews', { year: THIS_YEAR })).status).toBe(202);
    const unitAgain = await sign('donvi.halong');
    await waitForStep(unitAgain, id, 'YEARLY_REPORT');
    // A round asked to stop (its process stopping, its Lambda out of time) sends nothing more and leaves the rest for the next.
    const refused = { send: () => Promise.reject(new Error('nothing may be sent after a stop')) };
    const stopped = { ...runtime.webDeps, mailer: refused, render: renderNotificationMail, baseUrl: runtime.webUrl };
    expect(await dispatchNotifications(stopped, () => false)).toBe(0);
    await runtime.mail.dispatch();
    await runtime.mail.dispatch();
    await runtime.mail.digest();
    await runtime.mail.digest();

    const all = await messages();
    // Exactly one message per event and recipient: no Message-ID twice.
    const ids = all.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const subjectsOf = (to: string) =>
      all
        .filter((m) => toOf(m) === to)
        .map((m) => m.subject)
        .sort();
    expect(subjectsOf('donvi.halong@example.org')).toEqual(
      [
        `Có quyết định về “Dân vận khéo: hiến đất mở đường khu phố 5”: Chấp nhận`,
        `Việc chờ anh/chị: Báo cáo năm · Dân vận khéo: hiến đất mở đường khu phố 5`,
        `Đã mở sơ kết năm ${THIS_YEAR}`,
      ].sort(),
    );
    expect(subjectsOf('ban.quangninh@example.org')).toEqual(
      [
        'Overdue: Registration review · Dân vận khéo: hiến đất mở đường khu phố 5',
        'Waiting on you: Registration review · Dân vận khéo: hiến đất mở đường khu phố 5',
        `The ${THIS_YEAR} review is open`,
      ].sort(),
    );
    // The digest reader: one message with the three events of its board, each once.
    const digest = all.filter((m) => toOf(m) === 'chuyenvien.qn@example.org');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe('Tổng hợp trong ngày: 3 việc');
    expect(digest[0]!.text).toContain('đã quá hạn');
    expect(all.filter((m) => toOf(m) === 'thuongtruc.qn@example.org')).toEqual([]);
    // Each message has its plain text and HTML, and the absolute link to act.
    const waiting = all.find((m) => m.subject?.startsWith('Việc chờ anh/chị'))!;
    expect(waiting.text).toContain(`${runtime.webUrl}/models/${id}`);
    expect(String(waiting.html)).toContain(`href="${runtime.webUrl}/models/${id}"`);
    // The administrator's page lists them.
    const page = await fetch(`${runtime.webUrl}/admin/mail`, { headers: { cookie: adminAgain.cookie } });
    expect(await page.text()).toContain('Đã mở sơ kết năm');
  });
});
