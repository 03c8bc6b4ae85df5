import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardRole } from '../actor.ts';
import { ValidationError } from '../errors.ts';
import { getModel } from '../store/model-store.ts';
import { CRITERIA, boardActor, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { approveAppraisal, scoreAppraisal } from './appraisal.ts';
import { acceptRegistrations, boardQueue } from './board-queue.ts';
import { decideAsBoard } from './decide.ts';

/** A chain member's queue shows what waits on their role; a board accepts several registrations at once. */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('queue');
});

const member = (role: BoardRole) => boardActor(w.ids.chain, [role], role.toLowerCase());
const scoring = {
  scores: CRITERIA.map((c) => ({ criterionId: c.id, score: c.maxScore })),
  proposal: { outcome: 'RECOGNIZE', level: 'PROVINCE' },
};

describe('a chain member’s queue', () => {
  it('lists each appraisal under the role it waits on, and a member only what waits on theirs', async () => {
    const toScore = (await w.inAppraisal(w.ids.chainUnit, { name: 'Chờ chấm điểm' })).id;
    const toApprove = (await w.inAppraisal(w.ids.chainUnit, { name: 'Chờ lãnh đạo duyệt' })).id;
    await scoreAppraisal(w.deps, member('SPECIALIST'), toApprove, scoring);
    const toPublish = (await w.inAppraisal(w.ids.chainUnit, { name: 'Chờ thường trực ban hành' })).id;
    await scoreAppraisal(w.deps, member('SPECIALIST'), toPublish, scoring);
    await approveAppraisal(w.deps, member('LEADER'), toPublish);
    const inReview = (await w.inReview(w.ids.chainUnit, { name: 'Chờ tiếp nhận' })).id;

    const all = await boardQueue(w.deps, boardActor(w.ids.chain));
    const waits = Object.fromEntries(all.tasks.map((t) => [t.modelId, t.waitsOn]));
    expect(waits).toEqual({ [toScore]: 'SPECIALIST', [toApprove]: 'LEADER', [toPublish]: 'COMMITTEE', [inReview]: undefined });
    expect(all.forRoles).toBeUndefined();

    const leader = await boardQueue(w.deps, member('LEADER'));
    expect(leader.tasks.map((t) => t.modelId).sort()).toEqual([toApprove, inReview].sort());
    expect(leader).toMatchObject({ forRoles: ['LEADER'], hidden: 2 });
    // Once he approved, it leaves his queue for the committee's.
    await approveAppraisal(w.deps, member('LEADER'), toApprove);
    expect((await boardQueue(w.deps, member('LEADER'))).tasks.map((t) => t.modelId)).toEqual([inReview]);
    expect((await boardQueue(w.deps, member('COMMITTEE'))).tasks.map((t) => t.modelId).sort()).toEqual(
      [toApprove, toPublish, inReview].sort(),
    );
  });
});

describe('accepting several registrations at once', () => {
  it('accepts each waiting one and lists the others with their reason', async () => {
    const board = boardActor(w.ids.direct);
    const [a, b, decided] = await Promise.all([1, 2, 3].map((n) => w.inReview(w.ids.directUnit, { name: `Đăng ký ${n}` })));
    await decideAsBoard(w.deps, board, decided!.id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
    const elsewhere = (await w.inReview(w.ids.otherUnit)).id;

    const result = await acceptRegistrations(w.deps, board, {
      modelIds: [a!.id, b!.id, decided!.id, elsewhere, a!.id],
      comment: 'Đủ hồ sơ',
    });
    expect(result.accepted).toEqual([a!.id, b!.id]);
    expect(result.refused.map((r) => [r.modelId, r.key])).toEqual([
      [decided!.id, 'error.stepNotWaiting'],
      [elsewhere, 'error.modelNotFound'],
    ]);
    expect((await getModel(w.deps, a!.id))!.status).toBe('IMPLEMENTING');
    expect((await getModel(w.deps, elsewhere))!.status).toBe('SUBMITTED');
  });

  it('refuses an empty or oversized list, and anyone but a board', async () => {
    const board = boardActor(w.ids.direct);
    await expect(acceptRegistrations(w.deps, board, { modelIds: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(acceptRegistrations(w.deps, board, { modelIds: Array.from({ length: 101 }, (_, i) => `m${i}`) })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(acceptRegistrations(w.deps, unitActor(w.ids.directUnit), { modelIds: ['x'] })).rejects.toThrow();
  });
});
