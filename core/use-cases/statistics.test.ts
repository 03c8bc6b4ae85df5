import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors.ts';
import { periodOf } from '../model.ts';
import { ADMIN, boardActor, registrationBody, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { NEXT_YEAR, THIS_PERIOD, THIS_YEAR } from '../../test/support/years.ts';
import { decideAsBoard } from './decide.ts';
import { registerModel } from './register-model.ts';
import { getStatistics } from './statistics.ts';
import { beginNextCycle } from './workflow-steps.ts';

/**
 * getStatistics reads the counters the transitions kept: a few models of the direct board driven
 * through the use cases, one of another board, and a draft that must never count.
 */
let w: World;
let recognizedId: string;
const indicator = { name: 'Hộ tham gia', unit: 'hộ', target: 100 };
beforeAll(async () => {
  w = await useCaseWorld('stats');
  const board = boardActor(w.ids.direct);
  // Recognized: economy, model, commune; its report totals 40 households (an unregistered indicator is left out).
  const recognized = await w.inAppraisal(w.ids.directUnit, { indicators: [indicator] }, [
    { name: ' hộ tham gia ', actual: 40 },
    { name: 'Không đăng ký', actual: 99 },
  ]);
  recognizedId = recognized.id;
  await decideAsBoard(w.deps, board, recognized.id, { stage: 'APPRAISAL', outcome: 'RECOGNIZE', level: 'COMMUNE' });
  // Accepted and resting: culture-society, exemplar, aiming at province level.
  const resting = await w.inReview(w.ids.directUnit2, { area: 'CULTURE_SOCIETY', kind: 'EXEMPLAR', targetLevel: 'PROVINCE' });
  await decideAsBoard(w.deps, board, resting.id, { stage: 'REGISTRATION_REVIEW', outcome: 'ACCEPT' });
  // Rejected: economy, model, commune.
  const rejected = await w.inReview(w.ids.directUnit);
  await decideAsBoard(w.deps, board, rejected.id, { stage: 'REGISTRATION_REVIEW', outcome: 'REJECT', reason: 'Trùng lặp' });
  // Submitted for next year, a draft (never counted), and a model of another board.
  await w.submitted(w.ids.directUnit, { year: NEXT_YEAR });
  await registerModel(w.deps, unitActor(w.ids.directUnit), registrationBody({ area: 'DEFENSE_SECURITY' }), { submit: false });
  await w.submitted(w.ids.otherUnit, { area: 'POLITICAL_SYSTEM' });
});

const yearOf = (stats: Awaited<ReturnType<typeof getStatistics>>, year: number) => stats.years.find((y) => y.year === year)!;
/** Statuses a model has passed through stay as counters of 0. */
const current = (byStatus: Record<string, number>) => Object.fromEntries(Object.entries(byStatus).filter(([, n]) => n !== 0));

describe('the counts of a board', () => {
  it('are read by its members for their own board, by year, status, area, kind and level', async () => {
    const stats = await getStatistics(w.deps, boardActor(w.ids.direct), {});
    expect(stats).toMatchObject({ scope: w.ids.direct, period: THIS_PERIOD });
    expect(stats.years.map((y) => y.year)).toEqual([0, 1, 2, 3, 4].map((i) => Number(THIS_PERIOD.slice(0, 4)) + i));
    const year = yearOf(stats, THIS_YEAR);
    expect(current(year.byStatus)).toEqual({ RECOGNIZED: 1, IMPLEMENTING: 1, REJECTED: 1 });
    expect(year.funnel).toEqual({ REGISTERED: 3, ACCEPTED: 2, RECOGNIZED: 1 });
    expect(year.byArea).toEqual({ ECONOMY: 2, CULTURE_SOCIETY: 1 });
    expect(year.byKind).toEqual({ MODEL: 2, EXEMPLAR: 1 });
    expect(year.byLevel).toEqual({ COMMUNE: 2, PROVINCE: 1 });
    expect(year.recognizedByKind).toEqual({ MODEL: 1 });
    expect(year.indicators).toEqual([
      { key: 'hộ|ho tham gia', unit: 'hộ', name: 'Hộ tham gia', total: 40, reports: 1, aggregation: 'SUM', value: 40 },
    ]);
  });

  it('count next year’s registration in next year, and a recognized model again in its next cycle without changing this year', async () => {
    const before = await getStatistics(w.deps, ADMIN, { scope: w.ids.direct, period: periodOf(NEXT_YEAR) });
    expect(current(yearOf(before, NEXT_YEAR).byStatus)).toEqual({ SUBMITTED: 1 });
    expect(yearOf(before, NEXT_YEAR).funnel).toEqual({ REGISTERED: 1 });

    await beginNextCycle(w.deps, { modelId: recognizedId, year: THIS_YEAR, timeouts: w.deps.timeouts });
    const after = await getStatistics(w.deps, ADMIN, { scope: w.ids.direct, period: periodOf(NEXT_YEAR) });
    expect(current(yearOf(after, NEXT_YEAR).byStatus)).toEqual({ SUBMITTED: 1, IMPLEMENTING: 1 });
    // A new cycle is not a new registration.
    expect(yearOf(after, NEXT_YEAR).funnel).toEqual({ REGISTERED: 1 });
    const thisYear = yearOf(await getStatistics(w.deps, ADMIN, { scope: w.ids.direct, period: THIS_PERIOD }), THIS_YEAR);
    expect(current(thisYear.byStatus)).toEqual({ RECOGNIZED: 1, IMPLEMENTING: 1, REJECTED: 1 });
  });

  it('filter by area, kind and level (lists or comma-separated), and roll the events up over the period', async () => {
    const read = async (query: Record<string, unknown>) =>
      yearOf(await getStatistics(w.deps, ADMIN, { scope: w.ids.direct, ...query }), THIS_YEAR);
    expect(current((await read({ areas: 'ECONOMY' })).byStatus)).toEqual({ RECOGNIZED: 1, REJECTED: 1 });
    expect(current((await read({ kinds: ['EXEMPLAR'] })).byStatus)).toEqual({ IMPLEMENTING: 1 });
    // DISTRICT stays a filter (earlier years have it), though no new step chooses it.
    expect((await read({ levels: 'DISTRICT,PROVINCE', areas: 'CULTURE_SOCIETY' })).funnel).toEqual({ REGISTERED: 1, ACCEPTED: 1 });
    expect(current((await read({ areas: 'DEFENSE_SECURITY' })).byStatus)).toEqual({});

    const stats = await getStatistics(w.deps, ADMIN, { scope: w.ids.direct, period: THIS_PERIOD });
    const inPeriod = stats.years.map((y) => y.funnel.REGISTERED ?? 0).reduce((a, b) => a + b, 0);
    expect(stats.rollup.funnel.REGISTERED).toBe(inPeriod);
    expect(stats.rollup.recognizedByKind).toEqual({ MODEL: 1 });
    expect(stats.rollup.indicators).toEqual([
      { key: 'hộ|ho tham gia', unit: 'hộ', name: 'Hộ tham gia', total: 40, reports: 1, aggregation: 'SUM', value: 40 },
    ]);
    expect(stats.rollup).not.toHaveProperty('byStatus');
  });
});

describe('who reads which figures', () => {
  it('gives administrators every board (ALL by default) or any one board', async () => {
    const all = yearOf(await getStatistics(w.deps, ADMIN, {}), THIS_YEAR);
    expect(all.funnel.REGISTERED).toBe(4);
    expect(all.byArea).toEqual({ ECONOMY: 2, CULTURE_SOCIETY: 1, POLITICAL_SYSTEM: 1 });
    const other = await getStatistics(w.deps, ADMIN, { scope: w.ids.other });
    expect(other.scope).toBe(w.ids.other);
    expect(current(yearOf(other, THIS_YEAR).byStatus)).toEqual({ SUBMITTED: 1 });
  });

  it('keeps a board to its own figures and refuses units (403)', async () => {
    const board = boardActor(w.ids.direct);
    expect(await getStatistics(w.deps, board, { scope: w.ids.direct })).toMatchObject({ scope: w.ids.direct });
    for (const scope of [w.ids.other, 'ALL'])
      await expect(getStatistics(w.deps, board, { scope }), scope).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getStatistics(w.deps, unitActor(w.ids.directUnit), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getStatistics(w.deps, unitActor(w.ids.directUnit), { scope: w.ids.direct })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a malformed period or an unknown area, kind or level (400, naming the field)', async () => {
    for (const [query, field] of [
      [{ period: 'next' }, 'period'],
      [{ areas: 'MOON' }, 'areas.0'],
      [{ kinds: 'MODEL,BOTH' }, 'kinds.1'],
      [{ levels: ['GLOBAL'] }, 'levels.0'],
    ] as const) {
      const error = await getStatistics(w.deps, ADMIN, query).catch((e: unknown) => e as ValidationError);
      expect(error, JSON.stringify(query)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.field)).toEqual([field]);
    }
  });
});

describe('the default period', () => {
  const end = Number(THIS_PERIOD.slice(5));
  it('is the current one', async () => {
    w.setNow(new Date(`${THIS_YEAR}-06-15T03:00:00Z`));
    try {
      expect((await getStatistics(w.deps, ADMIN, {})).period).toBe(THIS_PERIOD);
    } finally {
      w.setNow(undefined);
    }
  });

  // The default period follows the cycle year in Vietnam (core/rules.ts cycleYearAt), not the UTC year.
  it('follows the cycle year in Vietnam time on the first morning of a new period', async () => {
    w.setNow(new Date(`${end}-12-31T18:00:00Z`)); // 01:00 on 1 January ${end + 1} in Hà Nội
    try {
      expect((await getStatistics(w.deps, ADMIN, {})).period).toBe(periodOf(end + 1));
    } finally {
      w.setNow(undefined);
    }
  });
});
