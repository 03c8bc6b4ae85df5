import { describe, expect, it } from 'vitest';
import { registration } from '../support/api-client.ts';
import { register, waitForStep, useDemoRuntime } from '../support/lifecycle-driver.ts';
import { THIS_YEAR } from '../support/years.ts';
import { checkedFetch } from '../support/contract.ts';

const ctx = useDemoRuntime();

const modelCount = async () => (await ctx.users.unit.get('/api/models')).body.models.length;

describe('concurrent decisions', () => {
  it('lets exactly one of two simultaneous decisions on a step through; the other gets 409', async () => {
    const id = await register(ctx.users.unit);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    const [first, second] = await Promise.all([
      ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' }),
      ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Trùng lặp' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.error?.code).toBe('ConflictError');
    const detail = (await ctx.users.board.get(`/api/models/${id}`)).body;
    expect(detail.decisions).toHaveLength(1);
    const winner = first.status === 200 ? 'IMPLEMENTING' : 'REJECTED';
    expect(detail.model.status).toBe(winner);
    expect(detail.events.filter((e: { from?: string }) => e.from === 'SUBMITTED')).toHaveLength(1);
  });

  it('answers 409 when the step is no longer waiting', async () => {
    const id = await register(ctx.users.unit);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    expect((await ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(
      200,
    );
    const late = await ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(late.status).toBe(409);
  });
});

describe('bad input', () => {
  it('rejects a registration with missing, wrong-typed or oversized fields with 400 and each field, storing nothing', async () => {
    const before = await modelCount();
    const { name: _name, ...missingName } = registration();
    const cases = [
      { body: missingName, fields: ['name'] },
      { body: registration({ year: String(THIS_YEAR), kind: 'TEAM' }), fields: ['kind', 'year'] },
      { body: registration({ situation: 'x'.repeat(4001), area: 'SPORTS' }), fields: ['area', 'situation'] },
      { body: registration({ extra: 'field' }), fields: ['extra'] },
    ];
    for (const { body, fields } of cases) {
      const response = await ctx.users.unit.post('/api/models', body);
      expect(response.status).toBe(400);
      expect(response.error?.code).toBe('ValidationError');
      const reported = response.error?.fields?.map((f) => f.field).sort();
      expect(reported).toEqual(fields);
      for (const field of response.error?.fields ?? []) expect(field.reason).toMatch(/\S/);
    }
    const malformed = await ctx.users.unit.call('POST', '/api/models', '{"name": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(await modelCount()).toBe(before);
  });

  it('answers 404 for a decision on an unknown model, and for a model outside the board', async () => {
    const unknown = await ctx.users.board.post('/api/models/does-not-exist/decisions', { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(unknown.status).toBe(404);
    const id = await register(ctx.users.unit);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    const foreign = await ctx.users.otherBoard.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(foreign.status).toBe(404);
    expect((await ctx.users.otherUnit.get(`/api/models/${id}`)).status).toBe(404);
  });

  it('forbids a unit officer from deciding as a board (403) and records nothing', async () => {
    const id = await register(ctx.users.unit);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    const response = await ctx.users.unit.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    expect(response.status).toBe(403);
    const detail = (await ctx.users.unit.get(`/api/models/${id}`)).body;
    expect(detail.decisions).toHaveLength(0);
    expect(detail.model.status).toBe('SUBMITTED');
  });

  it('requires a reason to return, and a session for every API call', async () => {
    const id = await register(ctx.users.unit);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    const noReason = await ctx.users.board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN' });
    expect(noReason.status).toBe(400);
    expect(noReason.error?.fields).toEqual([expect.objectContaining({ field: 'reason' })]);
    const anonymous = await checkedFetch(`${ctx.runtime.webUrl}/api/models`);
    expect(anonymous.status).toBe(401);
    const wrongPassword = await checkedFetch(`${ctx.runtime.webUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password: 'nope' }),
    });
    expect(wrongPassword.status).toBe(401);
  });

  it('serves the OpenAPI document describing the lifecycle API', async () => {
    const doc = (await (await fetch(`${ctx.runtime.webUrl}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/models',
        '/api/models/{id}',
        '/api/models/{id}/decisions',
        '/api/tasks',
        '/api/reviews',
        '/api/session',
      ]),
    );
  });
});
