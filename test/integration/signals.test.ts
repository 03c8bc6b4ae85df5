import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../local/runtime.ts';
import { ApiClient, type Schemas } from '../support/api-client.ts';
import { demoUsers, register, waitForStep } from '../support/lifecycle-driver.ts';
import { startTestRuntime } from '../support/test-runtime.ts';
import { THIS_YEAR } from '../support/years.ts';

let runtime: Runtime;
let users: Awaited<ReturnType<typeof demoUsers>>;
let quangLa: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  users = await demoUsers(runtime);
  quangLa = await ApiClient.signIn(runtime.webUrl, 'donvi.quangla');
});
afterAll(async () => runtime?.stop());

const REPORT =
  'Năm 2026 chi bộ khu phố 3 đã vận động 120 hộ dân hiến đất làm đường, hoàn thành 2,1 km đường bê tông; ' +
  'Mặt trận và các đoàn thể tổ chức 12 buổi đối thoại với nhân dân, tiếp nhận 35 ý kiến và giải quyết dứt điểm 30 ý kiến.';
/** The other unit's report: the same text with one figure changed and the diacritics stripped. */
const COPIED = REPORT.replace('120 hộ', '118 hộ').normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');

/** Registers, accepts, waits for this year's review for the unit's report step. */
async function toReportStep(unit: ApiClient, overrides: Record<string, unknown>): Promise<string> {
  const { board } = users;
  const id = await register(unit, overrides);
  await waitForStep(board, id, 'REGISTRATION_REVIEW');
  expect((await board.post(`/api/models/${id}/decisions`, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' })).status).toBe(200);
  await waitForStep(users.admin, id, 'YEARLY_REVIEW');
  return id;
}

/** The similarity a model's REPORT_SIMILAR_TO_PEER signal reports. */
function similarityOf(signals: Schemas['FormalismSignal'][]): number {
  const signal = signals.find((s) => s.code === 'REPORT_SIMILAR_TO_PEER');
  if (signal?.code !== 'REPORT_SIMILAR_TO_PEER') throw new Error('no REPORT_SIMILAR_TO_PEER signal');
  return signal.params.similarity;
}

describe('formalism signals, over HTTP, on DynamoDB Local and the local Step Functions engine', () => {
  it('shows the board a peer’s near-identical report, an unmeasurable indicator and missing evidence, each with its reason', async () => {
    const { unit, board, admin, otherBoard } = users;
    const [a, b] = await Promise.all([
      toReportStep(unit, {
        name: 'Vận động hiến đất làm đường khu phố 3',
        indicators: [
          { name: 'Mức độ hài lòng của nhân dân', unit: '%', target: null },
          { name: 'Số hộ tham gia', unit: 'hộ', target: 100 },
        ],
      }),
      toReportStep(quangLa, { name: 'Đường bê tông xã Quảng La', indicators: [{ name: 'Số hộ tham gia', unit: 'hộ', target: 80 }] }),
    ]);
    expect((await admin.post('/api/reviews', { year: THIS_YEAR })).status).toBe(202);
    await Promise.all([waitForStep(unit, a, 'YEARLY_REPORT'), waitForStep(quangLa, b, 'YEARLY_REPORT')]);
    expect(
      (await unit.post(`/api/models/${a}/report`, { report: REPORT, indicators: [{ name: 'Số hộ tham gia', actual: 120 }] })).status,
    ).toBe(200);
    expect(
      (await quangLa.post(`/api/models/${b}/report`, { report: COPIED, indicators: [{ name: 'Số hộ tham gia', actual: 118 }] })).status,
    ).toBe(200);
    await waitForStep(board, a, 'APPRAISAL');

    const response = await board.get(`/api/models/${a}/signals`);
    expect(response.status).toBe(200);
    const { signals, peerCheck } = response.body;
    expect(signals.map((s: { code: string }) => s.code)).toEqual(['INDICATOR_WITHOUT_TARGET', 'REPORT_SIMILAR_TO_PEER', 'NO_EVIDENCE']);
    expect(signals[0]?.params).toEqual({ indicators: ['Mức độ hài lòng của nhân dân'], registered: 2 });
    expect(signals[1]?.params).toMatchObject({ peerModelId: b, peerModelName: 'Đường bê tông xã Quảng La', threshold: 80 });
    const similarity = similarityOf(signals);
    expect(similarity).toBeGreaterThanOrEqual(80);
    expect(similarity).toBeLessThan(100);
    expect(signals[2]?.params).toEqual({ evidenceCount: 0 });
    expect(peerCheck).toEqual({ compared: 1, limit: 50, truncated: false });

    // The copy is flagged from the other side too, with the same similarity.
    const other = (await admin.get(`/api/models/${b}/signals`)).body.signals;
    expect(other.find((s) => s.code === 'REPORT_SIMILAR_TO_PEER')?.params).toMatchObject({ peerModelId: a, similarity });

    const forbidden = await unit.get(`/api/models/${a}/signals`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.error?.code).toBe('ForbiddenError');
    expect((await otherBoard.get(`/api/models/${a}/signals`)).status).toBe(404);
    expect((await new ApiClient(runtime.webUrl).get(`/api/models/${a}/signals`)).status).toBe(401);
    const doc = (await new ApiClient(runtime.webUrl).get('/openapi.json')).body;
    expect(doc).toHaveProperty(['paths', '/api/models/{id}/signals', 'get', 'responses', '200']);
  });
});
