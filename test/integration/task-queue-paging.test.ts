import { describe, expect, it } from 'vitest';
import { register, useDemoRuntime, waitForStep } from '../support/lifecycle-driver.ts';

const ctx = useDemoRuntime();

describe('the board queue GET /api/tasks', () => {
  it('pages through every pending task with nextCursor, soonest due first, none twice', async () => {
    const { unit, board } = ctx.users;
    const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => register(unit, { name: `Mô hình hàng chờ ${n}` })));
    for (const id of ids) await waitForStep(board, id, 'REGISTRATION_REVIEW');

    const whole = (await board.get('/api/tasks?limit=200')).body;
    expect(whole.nextCursor).toBeUndefined();
    const seen: { modelId: string; dueAt: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await board.get(`/api/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      expect(body.tasks.length).toBeLessThanOrEqual(2);
      seen.push(...body.tasks);
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.map((t) => t.modelId)).toEqual(whole.tasks.map((t: { modelId: string }) => t.modelId));
    expect(new Set(seen.map((t) => `${t.modelId}`)).size).toBe(seen.length);
    expect(seen.map((t) => t.modelId)).toEqual(expect.arrayContaining(ids));
    const due = seen.map((t) => t.dueAt);
    expect(due).toEqual([...due].sort());
    // Without a limit: the first 50.
    expect((await board.get('/api/tasks')).body.tasks.length).toBe(Math.min(50, whole.tasks.length));
  });

  it("refuses a bad limit, a forged cursor and another board's cursor with 400 naming the field", async () => {
    const { board, otherBoard, unit } = ctx.users;
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=abc', 'limit'],
      ['cursor=bm90LWpzb24', 'cursor'],
    ] as const) {
      const { status, error } = await board.get(`/api/tasks?${query}`);
      expect(status, query).toBe(400);
      expect(
        error?.fields?.map((f) => f.field),
        query,
      ).toContain(field);
    }
    // A cursor of the Quảng Ninh board's queue does not open it for the Quảng Trị board or a unit.
    await register(unit, { name: 'Mô hình cho con trỏ' });
    const first = (await board.get('/api/tasks?limit=1')).body;
    expect(first.nextCursor).toBeTypeOf('string');
    for (const other of [otherBoard, unit]) {
      const { status, error } = await other.get(`/api/tasks?cursor=${first.nextCursor}`);
      expect(status).toBe(400);
      expect(error?.fields?.[0]?.field).toBe('cursor');
    }
  });
});
