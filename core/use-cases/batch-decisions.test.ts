import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { getCatalogueEntry } from '../store/catalogue-store.ts';
import { decisionMemberItems } from '../store/decision-store.ts';
import { commitWrites } from '../store/writes.ts';
import { ADMIN, CRITERIA, boardActor, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { THIS_YEAR } from '../../test/support/years.ts';
import { stringMatching } from '../../test/support/matchers.ts';
import { decisionDocument, issueDecision, listDecisions, readDecision, saveDocumentSettings, withDecisionData } from './batch-decisions.ts';
import { getModelDetail } from './model-views.ts';
import { approveAppraisal, scoreAppraisal } from './appraisal.ts';

/**
 * Batch decisions on the real store: a board with BATCH settings gathers its recognitions of a
 * year into its open decision; issuing numbers it once and closes its list.
 */
let w: World;
const PARTY = {
  mode: 'BATCH',
  format: 'PARTY',
  parentBody: 'TỈNH ỦY QUẢNG NINH',
  issuingBody: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
  symbol: 'QĐ/BTGDVTU',
  place: 'Quảng Ninh',
  signer: { authority: 'T/M BAN THƯỜNG VỤ', title: 'TRƯỞNG BAN', name: 'Nguyễn Văn Hùng' },
  grounds: ['Căn cứ Quy chế làm việc của Ban Thường vụ Tỉnh ủy'],
  recipients: ['Như Điều 3', 'Lưu VP'],
};
const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}

beforeAll(async () => {
  w = await useCaseWorld('batch');
  await saveDocumentSettings(w.deps, ADMIN, w.ids.direct, PARTY);
});

describe('document settings', () => {
  it('are set by administrators only, with a symbol that fits the format', async () => {
    expect(await refusal(saveDocumentSettings(w.deps, boardActor(w.ids.other), w.ids.other, PARTY))).toBeInstanceOf(ForbiddenError);
    const wrong = await refusal(saveDocumentSettings(w.deps, ADMIN, w.ids.other, { ...PARTY, format: 'STATE' }));
    expect((wrong as ValidationError).issues).toEqual([expect.objectContaining({ field: 'symbol', key: 'reason.decisionSymbolFormat' })]);
    expect(await refusal(saveDocumentSettings(w.deps, ADMIN, 'ban-khong-co', PARTY))).toBeInstanceOf(NotFoundError);
  });
});

describe('a board without settings', () => {
  it('numbers each recognition as it is published, as before', async () => {
    const model = await w.recognized(w.ids.otherUnit, {}, 'PROVINCE');
    expect(model.recognitions).toEqual([expect.objectContaining({ number: stringMatching(/^\d+\/QĐ-BDV$/) })]);
    expect(model.recognitions[0]!.batchId).toBeUndefined();
    expect(await listDecisions(w.deps, ADMIN, w.ids.other)).toEqual([]);
  });
});

describe('a board that issues batch decisions', () => {
  it('gathers the year’s recognitions into one open decision, issues it once, and opens the next', async () => {
    const names = ['Mô hình “Dân vận khéo” Ấp Đông', 'Bếp ăn tình thương', 'Chi hội phụ nữ tiết kiệm'];
    const models = [];
    for (const name of names) models.push(await w.recognized(w.ids.directUnit, { name }));
    const batchId = models[0]!.recognitions[0]!.batchId!;
    expect(batchId).toBe(`${w.ids.direct}.${THIS_YEAR}.1`);
    for (const m of models) expect(m.recognitions[0]).toMatchObject({ batchId, level: 'COMMUNE' });
    expect(models[0]!.recognitions[0]!.number).toBeUndefined();
    // Until issued, readers see it waiting for its decision.
    const before = await getModelDetail(w.deps, ADMIN, models[0]!.id);
    expect(before.model.recognitions[0]).toMatchObject({ awaitingDecision: true });

    const [open] = await listDecisions(w.deps, boardActor(w.ids.direct), w.ids.direct);
    expect(open).toMatchObject({ id: batchId, status: 'OPEN', count: 3 });
    const read = await readDecision(w.deps, boardActor(w.ids.direct), batchId);
    expect(read.canIssue).toBe(true);
    expect(read.members.map((m) => m.name)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'vi')));
    expect(read.members[0]).toMatchObject({ unitId: w.ids.directUnit, unitName: `Xã ${w.ids.directUnit}`, kind: 'MODEL', area: 'ECONOMY' });

    // A draft document has no number yet; certificates wait for the decision.
    const draft = await decisionDocument(w.deps, ADMIN, batchId);
    expect(draft.document.heading.number.trim()).toBe('-QĐ/BTGDVTU');
    expect(await refusal(decisionDocument(w.deps, ADMIN, batchId, { requireIssued: true }))).toBeInstanceOf(ConflictError);

    // Who may issue, and what the issue must say.
    expect(await refusal(issueDecision(w.deps, unitActor(w.ids.directUnit), batchId, { date: today() }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(issueDecision(w.deps, boardActor(w.ids.other), batchId, { date: today() }))).toBeInstanceOf(ForbiddenError);
    const future = await refusal(issueDecision(w.deps, ADMIN, batchId, { date: `${THIS_YEAR + 2}-01-01` }));
    expect((future as ValidationError).issues).toEqual([expect.objectContaining({ field: 'date', key: 'reason.decisionDateFuture' })]);
    const early = await refusal(issueDecision(w.deps, ADMIN, batchId, { date: `${THIS_YEAR - 1}-12-31` }));
    expect((early as ValidationError).issues).toEqual([expect.objectContaining({ field: 'date', key: 'reason.decisionDateBeforeYear' })]);
    const badDate = await refusal(issueDecision(w.deps, ADMIN, batchId, { date: '15/12/2026' }));
    expect((badDate as ValidationError).issues.map((i) => i.field)).toEqual(['date']);

    const issued = await issueDecision(w.deps, boardActor(w.ids.direct), batchId, { date: today() });
    expect(issued).toMatchObject({
      status: 'ISSUED',
      number: stringMatching(/^\d{2}-QĐ\/BTGDVTU$/),
      count: 3,
      signer: PARTY.signer,
    });
    expect(await refusal(issueDecision(w.deps, ADMIN, batchId, { date: today() }))).toBeInstanceOf(ConflictError);

    // Every recognition on it, and the public catalogue through it, carries the number and date.
    const after = await getModelDetail(w.deps, unitActor(w.ids.directUnit), models[1]!.id);
    expect(after.model.recognitions[0]).toMatchObject({
      number: issued.number,
      date: `${today()}T05:00:00.000Z`,
      issuingBody: `Ban ${w.ids.direct}`,
    });
    expect(after.model.recognitions[0]!.awaitingDecision).toBeUndefined();
    const entry = await getCatalogueEntry(w.deps, models[1]!.id);
    expect(
      (
        await withDecisionData(
          w.deps,
          entry!.recognitions.map((r) => ({ ...r, decisionId: '' })),
        )
      )[0],
    ).toMatchObject({ number: issued.number });

    // Its list is closed: a write onto it is refused; the next recognition opens decision 2.
    const late = await refusal(
      commitWrites(w.deps, decisionMemberItems(w.deps.tableName, { ...read.members[0]!, modelId: 'khac' }), 'error.changedMeanwhile'),
    );
    expect(late).toBeInstanceOf(ConflictError);
    const fourth = await w.recognized(w.ids.directUnit2, { name: 'Tổ tự quản an ninh' });
    expect(fourth.recognitions[0]!.batchId).toBe(`${w.ids.direct}.${THIS_YEAR}.2`);
    const second = await issueDecision(w.deps, ADMIN, fourth.recognitions[0]!.batchId!, {
      date: today(),
      signer: { title: 'PHÓ TRƯỞNG BAN', name: 'Trần Thị Lan' },
    });
    expect(Number(second.number!.slice(0, 2))).toBe(Number(issued.number!.slice(0, 2)) + 1);
    expect((await readDecision(w.deps, ADMIN, batchId)).members).toHaveLength(3);
    expect((await listDecisions(w.deps, ADMIN, w.ids.direct, THIS_YEAR)).map((d) => [d.seq, d.status, d.count])).toEqual([
      [2, 'ISSUED', 1],
      [1, 'ISSUED', 3],
    ]);
  });

  it('is issued by the last role of the chain only', async () => {
    await saveDocumentSettings(w.deps, ADMIN, w.ids.chain, { ...PARTY, format: 'STATE', symbol: 'QĐ-UBND' });
    const { id } = await w.inAppraisal(w.ids.chainUnit);
    await publishOnChain(id);
    const batchId = (await w.model(id)).recognitions[0]!.batchId!;
    for (const role of ['SPECIALIST', 'LEADER'] as const)
      expect(await refusal(issueDecision(w.deps, boardActor(w.ids.chain, [role], role), batchId, { date: today() }))).toBeInstanceOf(
        ForbiddenError,
      );
    const committee = boardActor(w.ids.chain, ['COMMITTEE'], 'committee');
    expect((await readDecision(w.deps, committee, batchId)).canIssue).toBe(true);
    expect(await issueDecision(w.deps, committee, batchId, { date: today() })).toMatchObject({
      number: stringMatching(/^\d{2}\/QĐ-UBND$/),
    });
  });

  it('refuses to issue a decision without settings or without models (409)', async () => {
    const empty = `${w.ids.direct}.${THIS_YEAR}.3`;
    expect(await refusal(issueDecision(w.deps, ADMIN, empty, { date: today() }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(readDecision(w.deps, ADMIN, 'not-an-id'))).toBeInstanceOf(NotFoundError);
  });
});

/** The chain board's appraisal: the specialist scores a recognition, the leader approves, the committee publishes. */
async function publishOnChain(id: string) {
  const scores = CRITERIA.map((c) => ({ criterionId: c.id, score: c.maxScore }));
  const proposal = { outcome: 'RECOGNIZE', level: 'PROVINCE' };
  await scoreAppraisal(w.deps, boardActor(w.ids.chain, ['SPECIALIST'], 'specialist'), id, { scores, proposal });
  await approveAppraisal(w.deps, boardActor(w.ids.chain, ['LEADER'], 'leader'), id);
  await approveAppraisal(w.deps, boardActor(w.ids.chain, ['COMMITTEE'], 'committee'), id);
}
