import { beforeAll, describe, expect, it } from 'vitest';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ValidationError } from '../errors.ts';
import { cycleYearAt } from '../rules.ts';
import { registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { registerModel, submitDraft, updateDraft } from './register-model.ts';

/** Drafts keep whatever was typed; submitting one still checks the whole registration. */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('draft');
});

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the use case to refuse');
  return error;
}

describe('a partial draft', () => {
  it('saves with only a name: empty texts, kind MODEL, no area, this cycle year; nothing is started', async () => {
    const before = w.sfn.commandCalls(StartExecutionCommand).length;
    const draft = await registerModel(w.deps, unitActor(w.ids.chainUnit), { name: 'Chỉ có tên' }, { submit: false });
    expect(draft).toMatchObject({ name: 'Chỉ có tên', situation: '', kind: 'MODEL', status: 'DRAFT', cycleYear: cycleYearAt(new Date()) });
    expect(draft.area).toBeUndefined();
    expect(await w.model(draft.id)).toMatchObject({ name: 'Chỉ có tên', status: 'DRAFT' });
    expect(w.sfn.commandCalls(StartExecutionCommand).length).toBe(before);
  });

  it('still needs a name, and refuses what is wrong rather than missing (a bad area, a year out of its window)', async () => {
    const unit = unitActor(w.ids.chainUnit);
    const noName = await refusal(registerModel(w.deps, unit, { situation: 'x' }, { submit: false }));
    expect(noName).toBeInstanceOf(ValidationError);
    expect((noName as ValidationError).issues.map((i) => i.field)).toEqual(['name']);
    const badArea = await refusal(registerModel(w.deps, unit, { name: 'x', area: 'NOPE' }, { submit: false }));
    expect((badArea as ValidationError).issues.map((i) => i.field)).toEqual(['area']);
    await expect(registerModel(w.deps, unit, { name: 'x', year: 2010 }, { submit: false })).rejects.toMatchObject({
      issues: [{ field: 'year' }],
    });
  });

  it('is refused in full when submitted, names every missing field, and submits once completed', async () => {
    const unit = unitActor(w.ids.chainUnit);
    const draft = await registerModel(w.deps, unit, { name: 'Nháp dở dang', situation: 'Có một phần' }, { submit: false });
    const error = await refusal(submitDraft(w.deps, unit, draft.id));
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['objectives', 'content', 'forces', 'area']));
    expect(fields).not.toContain('name');
    expect(fields).not.toContain('situation');
    expect((await w.model(draft.id)).status).toBe('DRAFT');

    const { year: _year, ...rest } = registrationBody();
    await updateDraft(w.deps, unit, draft.id, rest);
    const before = w.sfn.commandCalls(StartExecutionCommand).length;
    await submitDraft(w.deps, unit, draft.id);
    expect(w.sfn.commandCalls(StartExecutionCommand).length).toBe(before + 1);
  });

  it('a registration submitted at once still needs every field', async () => {
    const error = await refusal(registerModel(w.deps, unitActor(w.ids.chainUnit), { name: 'Chỉ có tên' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.length).toBeGreaterThan(5);
  });
});

describe('an exemplar is a person', () => {
  const person = { position: 'Bí thư chi bộ khu phố 2', achievements: 'Vận động 120 hộ hiến đất', mobilization: 'Đến từng nhà, nêu gương' };

  it('answers the person’s questions instead of the implementing forces, and they are stored', async () => {
    const body = { ...registrationBody({ kind: 'EXEMPLAR', ...person }), forces: undefined };
    const model = await registerModel(w.deps, unitActor(w.ids.chainUnit), body, { submit: false });
    expect(await w.model(model.id)).toMatchObject({ kind: 'EXEMPLAR', forces: '', ...person });
    await submitDraft(w.deps, unitActor(w.ids.chainUnit), model.id);
  });

  it('is refused without them (each named), while a model still needs its forces', async () => {
    const exemplar = await refusal(
      registerModel(w.deps, unitActor(w.ids.chainUnit), { ...registrationBody({ kind: 'EXEMPLAR' }), forces: '' }),
    );
    expect((exemplar as ValidationError).issues.map((i) => i.field)).toEqual(['position', 'achievements', 'mobilization']);
    const model = await refusal(registerModel(w.deps, unitActor(w.ids.chainUnit), { ...registrationBody(), forces: ' ' }));
    expect((model as ValidationError).issues).toEqual([{ field: 'forces', key: 'reason.required' }]);
  });

  it('registered before, with forces and no person’s answers, stays valid and loads', async () => {
    const old = await registerModel(w.deps, unitActor(w.ids.chainUnit), registrationBody({ kind: 'EXEMPLAR' }));
    const stored = await w.model(old.id);
    expect(stored.forces).not.toBe('');
    expect(stored.position).toBeUndefined();
  });
});
