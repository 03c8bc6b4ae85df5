import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolationError, type FieldIssue } from '../errors.ts';
import { DISTRICT_LEVEL_ENDED, levelIssue } from '../rules.ts';
import { getBoard, getUnit, putOnce } from '../store/org-store.ts';
import { boardKey, modelKey, unitKey } from '../store/keys.ts';
import { ADMIN, CRITERIA, boardActor, registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { scoreAppraisal } from './appraisal.ts';
import { decideAsBoard, submitRevision } from './decide.ts';
import { getModelDetail } from './model-views.ts';
import { listBoards, saveBoard, saveUnit } from './organisation.ts';
import { registerModel, submitDraft, updateDraft } from './register-model.ts';
import { replicateModel } from './replicate-model.ts';

/**
 * The district level (cấp huyện) is gone since 1 July 2025 (issue 15): no new step chooses it
 * (a registration's target level, a recognition, a new unit or board: 422 naming the field),
 * while data stored with it still reads, shows and stays as it is.
 */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('district');
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}
/** A 422 for the district level, naming `field`. */
async function districtRefused(promise: Promise<unknown>, field: string) {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(RuleViolationError);
  expect((error as RuleViolationError).key).toBe('error.levelAbolished');
  expect((error as RuleViolationError).issues).toEqual([
    { field, key: 'reason.levelAbolished', params: { level: 'DISTRICT' } },
  ] satisfies FieldIssue[]);
}
/** Old data: an attribute of a stored model set as a version before the rule wrote it. */
const storeOld = (id: string, name: string, value: unknown) =>
  w.deps.db.send(
    new UpdateCommand({
      TableName: w.deps.tableName,
      Key: modelKey(id),
      UpdateExpression: 'SET #f = :v',
      ExpressionAttributeNames: { '#f': name },
      ExpressionAttributeValues: { ':v': value },
    }),
  );

describe('the rule', () => {
  it('holds from 1 July 2025, 00:00 in Vietnam, and only for DISTRICT', () => {
    expect(DISTRICT_LEVEL_ENDED.toISOString()).toBe('2025-06-30T17:00:00.000Z');
    expect(levelIssue('DISTRICT', new Date('2025-06-30T16:59:59Z'))).toBeUndefined();
    expect(levelIssue('DISTRICT', new Date('2025-06-30T17:00:00Z'))).toEqual({
      field: 'level',
      key: 'reason.levelAbolished',
      params: { level: 'DISTRICT' },
    });
    for (const level of ['COMMUNE', 'PROVINCE', 'CENTRAL'] as const) expect(levelIssue(level, new Date())).toBeUndefined();
  });
});

describe('a registration', () => {
  it('cannot aim at the district level: registered, saved as a draft, edited, revised (field targetLevel)', async () => {
    const unit = unitActor(w.ids.directUnit);
    await districtRefused(registerModel(w.deps, unit, registrationBody({ targetLevel: 'DISTRICT' })), 'targetLevel');
    await districtRefused(registerModel(w.deps, unit, registrationBody({ targetLevel: 'DISTRICT' }), { submit: false }), 'targetLevel');
    const draft = await registerModel(w.deps, unit, registrationBody({ targetLevel: 'PROVINCE' }), { submit: false });
    await districtRefused(updateDraft(w.deps, unit, draft.id, registrationBody({ targetLevel: 'DISTRICT' })), 'targetLevel');
    expect((await w.model(draft.id)).targetLevel).toBe('PROVINCE');

    const { id } = await w.inReview(w.ids.directUnit);
    await decideAsBoard(w.deps, boardActor(w.ids.direct), id, { stage: 'REGISTRATION_REVIEW', outcome: 'RETURN', reason: 'Bổ sung' });
    await w.openStep(id, 'REVISION');
    const { year: _year, ...revision } = registrationBody({ targetLevel: 'DISTRICT' });
    await districtRefused(submitRevision(w.deps, unit, id, revision), 'targetLevel');
    expect((await w.model(id)).status).toBe('RETURNED');
    expect(await submitRevision(w.deps, unit, id, { ...revision, targetLevel: 'COMMUNE' })).toMatchObject({ status: 'SUBMITTED' });
  });

  it('stored with the district level (a draft of before) still reads, but is edited before it is submitted', async () => {
    const unit = unitActor(w.ids.directUnit);
    const draft = await registerModel(w.deps, unit, registrationBody(), { submit: false });
    await storeOld(draft.id, 'targetLevel', 'DISTRICT');
    expect((await getModelDetail(w.deps, unit, draft.id)).model.targetLevel).toBe('DISTRICT');
    await districtRefused(submitDraft(w.deps, unit, draft.id), 'targetLevel');
    expect((await w.model(draft.id)).status).toBe('DRAFT');
  });
});

describe('a recognition', () => {
  it('is never at the district level, decided directly or proposed along the chain (fields level, proposal.level)', async () => {
    const { id } = await w.inAppraisal(w.ids.directUnit);
    await districtRefused(
      decideAsBoard(w.deps, boardActor(w.ids.direct), id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'DISTRICT' }),
      'level',
    );
    expect((await w.model(id)).status).toBe('REPORTED');
    expect(
      await decideAsBoard(w.deps, boardActor(w.ids.direct), id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'COMMUNE' }),
    ).toMatchObject({
      status: 'RECOGNIZED',
    });

    const chained = await w.inAppraisal(w.ids.chainUnit);
    const scores = CRITERIA.map((c) => ({ criterionId: c.id, score: c.maxScore }));
    const specialist = boardActor(w.ids.chain, ['SPECIALIST'], 'specialist');
    await districtRefused(
      scoreAppraisal(w.deps, specialist, chained.id, { scores, proposal: { outcome: 'RECOGNIZE', level: 'DISTRICT' } }),
      'proposal.level',
    );
    expect(
      (await scoreAppraisal(w.deps, specialist, chained.id, { scores, proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' } })).appraisal,
    ).toMatchObject({
      status: 'IN_APPROVAL',
    });
  });

  it('made at the district level before stays on the model, and a copy of such a model aims at the commune level', async () => {
    const source = await w.recognized(w.ids.directUnit, { targetLevel: 'PROVINCE' });
    await storeOld(source.id, 'targetLevel', 'DISTRICT');
    await storeOld(source.id, 'recognitions', [{ ...source.recognitions[0]!, level: 'DISTRICT' }]);
    const read = (await getModelDetail(w.deps, boardActor(w.ids.direct), source.id)).model;
    expect(read.recognitions.map((r) => r.level)).toEqual(['DISTRICT']);
    const copy = await replicateModel(w.deps, unitActor(w.ids.otherUnit), source.id, {});
    expect(copy.targetLevel).toBe('COMMUNE');
    expect(await submitDraft(w.deps, unitActor(w.ids.otherUnit), copy.id)).toMatchObject({ id: copy.id });
  });
});

describe('the organisation', () => {
  it('takes no new board or unit at the district level (422 naming level or type), except a historical unit', async () => {
    await districtRefused(
      saveBoard(w.deps, ADMIN, { id: `ban-huyen-${w.ids.direct}`, name: 'Ban huyện', level: 'DISTRICT', unitId: w.ids.directUnit }),
      'level',
    );
    expect(await getBoard(w.deps, `ban-huyen-${w.ids.direct}`)).toBeUndefined();
    const unit = { id: `huyen-${w.ids.direct}`, name: 'Huyện cũ', type: 'COMMUNE', level: 'DISTRICT', boardId: w.ids.direct };
    await districtRefused(saveUnit(w.deps, ADMIN, unit), 'level');
    await districtRefused(saveUnit(w.deps, ADMIN, { ...unit, type: 'DISTRICT', level: 'COMMUNE' }), 'type');
    expect(await getUnit(w.deps, unit.id)).toBeUndefined();
    // A district kept for older records is historical.
    expect(await saveUnit(w.deps, ADMIN, { ...unit, type: 'DISTRICT', historical: true })).toMatchObject({
      level: 'DISTRICT',
      historical: true,
    });
  });

  it('keeps a board or unit stored at the district level valid: listed as it is, renamed without a change of level', async () => {
    const id = `ban-cu-${w.ids.direct}`;
    await putOnce(w.deps, boardKey(id), {
      id,
      name: 'Ban huyện cũ',
      level: 'DISTRICT',
      unitId: w.ids.directUnit,
      gsi1pk: 'ORG#BOARD',
      gsi1sk: id,
    });
    expect((await listBoards(w.deps)).find((b) => b.id === id)).toMatchObject({ level: 'DISTRICT' });
    expect(
      await saveBoard(w.deps, ADMIN, { id, name: 'Ban huyện cũ (đổi tên)', level: 'DISTRICT', unitId: w.ids.directUnit }),
    ).toMatchObject({
      level: 'DISTRICT',
    });
    const unitId = `huyen-cu-${w.ids.direct}`;
    const old = { id: unitId, name: 'Huyện cũ', type: 'DISTRICT', level: 'DISTRICT', boardId: w.ids.direct };
    await putOnce(w.deps, unitKey(unitId), { ...old, gsi1pk: 'ORG#UNIT', gsi1sk: unitId });
    expect(await saveUnit(w.deps, ADMIN, { ...old, name: 'Huyện cũ (đổi tên)' })).toMatchObject({ level: 'DISTRICT', type: 'DISTRICT' });
    // Moving a unit onto the district level now is refused, as for a new one.
    await districtRefused(saveUnit(w.deps, ADMIN, { ...old, id: w.ids.directUnit2, type: 'COMMUNE' }), 'level');
  });
});
