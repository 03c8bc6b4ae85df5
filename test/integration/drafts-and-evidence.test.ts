import { describe, expect, it } from 'vitest';
import { registration } from '../support/api-client.ts';
import { waitForStep, useDemoRuntime } from '../support/lifecycle-driver.ts';
import { NEXT_YEAR, THIS_PERIOD } from '../support/years.ts';
import { checkedFetch } from '../support/contract.ts';

const ctx = useDemoRuntime();

const pdf = () => new Blob([new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF')], { type: 'application/pdf' });
async function upload(cookieClient: typeof ctx.users.unit, modelId: string, file: Blob, name: string) {
  const form = new FormData();
  form.set('file', file, name);
  return cookieClient.call('POST', `/api/models/${modelId}/evidence`, form);
}

describe('drafts', () => {
  it('saves a draft with indicators, edits it, and submits it later into the lifecycle', async () => {
    const draft = await ctx.users.unit.call(
      'POST',
      '/api/models?submit=false',
      registration({ indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', target: 120 }], tags: ['nông thôn mới'] }),
    );
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'DRAFT', period: THIS_PERIOD, targetLevel: 'COMMUNE' });
    const id = draft.body.id;
    const edited = await ctx.users.unit.call('PUT', `/api/models/${id}`, registration({ name: 'Tên đã sửa', year: NEXT_YEAR }));
    expect(edited.body).toMatchObject({ name: 'Tên đã sửa', cycleYear: NEXT_YEAR, status: 'DRAFT' });
    expect((await ctx.users.otherUnit.call('PUT', `/api/models/${id}`, registration())).status).toBe(404);
    expect((await ctx.users.unit.post(`/api/models/${id}/submit`)).status).toBe(202);
    await waitForStep(ctx.users.board, id, 'REGISTRATION_REVIEW');
    expect((await ctx.users.unit.call('PUT', `/api/models/${id}`, registration())).status).toBe(409);
  });

  it('refuses a period that does not contain the year', async () => {
    const response = await ctx.users.unit.post('/api/models', registration({ period: '2021-2025' }));
    expect(response.status).toBe(400);
    expect(response.error?.fields).toEqual([expect.objectContaining({ field: 'period' })]);
  });
});

describe('evidence files', () => {
  it('stores a PDF, lists it, serves it back, and refuses forbidden, disguised and oversized files', async () => {
    const id = (await ctx.users.unit.call('POST', '/api/models?submit=false', registration())).body.id;
    const stored = await upload(ctx.users.unit, id, pdf(), 'biên bản.pdf');
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'biên bản.pdf', contentType: 'application/pdf' });

    const exe = await upload(ctx.users.unit, id, new Blob(['MZ']), 'tool.exe');
    expect(exe.status).toBe(400);
    expect(exe.error?.fields?.[0]?.reason).toMatch(/không được phép/);
    const disguised = await upload(ctx.users.unit, id, new Blob(['<html>']), 'anh.png');
    expect(disguised.status).toBe(400);
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF'));
    const oversized = await upload(ctx.users.unit, id, new Blob([big]), 'lon.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.error?.message).toMatch(/10 MB/);
    // A draft is private to its unit: its board does not even see it.
    expect((await upload(ctx.users.board, id, pdf(), 'x.pdf')).status).toBe(404);

    const detail = (await ctx.users.unit.get(`/api/models/${id}`)).body;
    expect(detail.evidence.map((e: { name: string }) => e.name)).toEqual(['biên bản.pdf']);
    expect(detail.model.evidenceCount).toBe(1);
    const file = await checkedFetch(`${ctx.runtime.webUrl}/api/models/${id}/evidence/${stored.body.fileId}`, {
      headers: { cookie: ctx.users.unit.cookie },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n.pdf");
    expect(new TextDecoder().decode(await file.arrayBuffer())).toMatch(/^%PDF/);

    expect((await ctx.users.unit.call('DELETE', `/api/models/${id}/evidence/${stored.body.fileId}`)).status).toBe(204);
    expect((await ctx.users.unit.get(`/api/models/${id}`)).body.model.evidenceCount).toBe(0);
  });
});
