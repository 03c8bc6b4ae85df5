import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { officialProvinces, officialUnits } from '../official-units.ts';
import { UnitRecord } from '../records.ts';
import { ADMIN, boardActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { DEMO_UNITS, seedDemo } from '../../local/seed-demo.ts';
import { importOfficialUnits } from './official-units.ts';
import { listUnits, saveBoard, saveUnit } from './organisation.ts';

/** The official units (QĐ 19/2025/QĐ-TTg) on the real store: codes, their uniqueness, the import of the list. */
let demo: World;
let bare: World;
beforeAll(async () => {
  [demo, bare] = await Promise.all([useCaseWorld('dvhc'), useCaseWorld('dvhc-bare')]);
  await seedDemo(demo.deps);
});

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as Error & { key?: string; params?: Record<string, unknown>; issues?: { field: string; key: string }[] },
  );
const inProvince = (code: string) => officialUnits().filter((u) => u.provinceCode === code);
const byId = async (w: World) => new Map((await listUnits(w.deps)).map((u) => [u.id, u]));

describe('the official list', () => {
  it('has the 34 provinces and 3,321 communes of the decision; the demo units carry their codes from it', () => {
    expect(officialProvinces()).toHaveLength(34);
    expect(officialUnits().filter((u) => !u.province)).toHaveLength(3321);
    expect(inProvince('22').filter((u) => !u.province)).toHaveLength(54);
    const codes = Object.fromEntries(DEMO_UNITS.map((u) => [u.id, u.code]));
    expect(codes).toMatchObject({
      'tinh-qn': '22',
      'phuong-ha-long': '06688',
      'xa-quang-la': '07054',
      'tinh-qt': '44',
      'phuong-dong-ha': '19333',
    });
    expect([codes['trung-uong'], codes['hoi-nong-dan-qn'], codes['huyen-hoanh-bo']]).toEqual([undefined, undefined, undefined]);
    // A unit stored before codes existed still parses.
    expect(UnitRecord.parse({ id: 'xa-cu', name: 'Xã cũ', level: 'COMMUNE', boardId: 'ban' })).not.toHaveProperty('code');
  });
});

describe('importing the official list', () => {
  it('imports one province and its communes under the demo units that have the codes, then a second run changes nothing', async () => {
    const before = await byId(demo);
    const rows = inProvince('22');
    expect(await importOfficialUnits(demo.deps, ADMIN, { provinceCode: '22' })).toEqual({
      created: rows.length - 3,
      updated: 0,
      unchanged: 3,
    });
    const after = await byId(demo);
    expect(after.size).toBe(before.size + rows.length - 3);
    // Every code of the province is held by exactly one unit: the demo's own where it had it.
    for (const row of rows)
      expect(
        [...after.values()].filter((u) => u.code === row.code),
        row.code,
      ).toHaveLength(1);
    expect(after.get('phuong-ha-long')).toEqual(before.get('phuong-ha-long'));
    expect(after.has('dvhc-06688')).toBe(false);
    expect(after.get('dvhc-06895')).toEqual({
      id: 'dvhc-06895',
      name: 'Xã Đầm Hà',
      code: '06895',
      type: 'COMMUNE',
      level: 'COMMUNE',
      parentId: 'tinh-qn',
      boardId: 'ban-tinh-qn',
    });

    expect(await importOfficialUnits(demo.deps, ADMIN, { provinceCode: '22' })).toEqual({ created: 0, updated: 0, unchanged: rows.length });
    expect(await byId(demo)).toEqual(after);
  });

  it('hangs a new province under the central unit, in its board, and the province’s communes under it', async () => {
    const hanoi = inProvince('01');
    expect(await importOfficialUnits(demo.deps, ADMIN, { provinceCode: '01' })).toEqual({
      created: hanoi.length,
      updated: 0,
      unchanged: 0,
    });
    const units = await byId(demo);
    expect(units.get('dvhc-01')).toMatchObject({ name: 'Thành phố Hà Nội', type: 'PROVINCE', level: 'PROVINCE', parentId: 'trung-uong' });
    expect(units.get('dvhc-01')?.boardId).toBe('ban-dan-van-tw');
    const communes = [...units.values()].filter((u) => u.parentId === 'dvhc-01');
    expect(communes).toHaveLength(hanoi.length - 1);
    expect(new Set(communes.map((u) => `${u.type} ${u.level} ${u.boardId}`))).toEqual(new Set(['COMMUNE COMMUNE ban-dan-van-tw']));
  });

  it('imports all 34 provinces at once, keeping what is there', async () => {
    const counts = await importOfficialUnits(demo.deps, ADMIN, {});
    expect(counts.created + counts.updated + counts.unchanged).toBe(34 + 3321);
    expect(counts.updated).toBe(0);
    const units = await listUnits(demo.deps);
    expect(units.filter((u) => u.code)).toHaveLength(34 + 3321);
    expect(units.find((u) => u.code === '19333')?.id).toBe('phuong-dong-ha');
    expect(await importOfficialUnits(demo.deps, ADMIN, {})).toEqual({ created: 0, updated: 0, unchanged: 34 + 3321 });
  });

  it('refuses with 409 while no board can take a new province, then updates a unit that has the id in place', async () => {
    const start = await byId(bare);
    const refusal = await refused(importOfficialUnits(bare.deps, ADMIN, { provinceCode: '22' }));
    expect(refusal).toBeInstanceOf(ConflictError);
    expect(refusal.key).toBe('error.provinceBoardNeeded');
    expect(await byId(bare)).toEqual(start);

    await saveBoard(bare.deps, ADMIN, {
      id: 'ban-dan-van-tw',
      name: 'Ban Dân vận Trung ương',
      level: 'CENTRAL',
      unitId: bare.ids.chainUnit,
    });
    // Made by hand before the import, under the id the import gives, without a code.
    await saveUnit(bare.deps, ADMIN, {
      id: 'dvhc-06895',
      name: 'Xã Đầm Hà (nhập tay)',
      type: 'COMMUNE',
      level: 'COMMUNE',
      boardId: bare.ids.chain,
    });
    const rows = inProvince('22');
    expect(await importOfficialUnits(bare.deps, ADMIN, { provinceCode: '22' })).toEqual({
      created: rows.length - 1,
      updated: 1,
      unchanged: 0,
    });
    const units = await byId(bare);
    expect(units.get('dvhc-06895')).toEqual({
      id: 'dvhc-06895',
      name: 'Xã Đầm Hà (nhập tay)',
      code: '06895',
      type: 'COMMUNE',
      level: 'COMMUNE',
      boardId: bare.ids.chain,
      historical: false,
    });
    expect(units.get('dvhc-22')).toMatchObject({ code: '22', boardId: 'ban-dan-van-tw' });
    expect(units.get('dvhc-22')).not.toHaveProperty('parentId');
    expect(units.get('dvhc-06652')).toMatchObject({ parentId: 'dvhc-22', boardId: 'ban-dan-van-tw' });
  });

  it('is for administrators only, and names an unknown province', async () => {
    const board = await refused(importOfficialUnits(demo.deps, boardActor('ban-tinh-qn'), { provinceCode: '22' }));
    expect(board).toBeInstanceOf(ForbiddenError);
    const unknown = await refused(importOfficialUnits(demo.deps, ADMIN, { provinceCode: '99' }));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown.issues).toEqual([{ field: 'provinceCode', key: 'reason.noSuchProvinceCode', params: { provinceCode: '99' } }]);
  });
});

describe('a unit’s official code', () => {
  const unit = (over: Record<string, unknown>) => ({
    id: 'xa-thu',
    name: 'Xã thử',
    type: 'COMMUNE',
    level: 'COMMUNE',
    boardId: bare.ids.chain,
    ...over,
  });

  it('is unique: another unit’s code is a conflict naming its holder', async () => {
    await saveUnit(bare.deps, ADMIN, unit({ id: 'xa-co-ma', code: '30280' }));
    const taken = await refused(saveUnit(bare.deps, ADMIN, unit({ code: '30280' })));
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken.key).toBe('error.unitCodeTaken');
    expect(taken.params).toMatchObject({ code: '30280', unitId: 'xa-co-ma' });
    expect((await byId(bare)).has('xa-thu')).toBe(false);
  });

  it('is kept when a save leaves it out, removed when empty, and 2 or 5 digits', async () => {
    await saveUnit(bare.deps, ADMIN, unit({ id: 'xa-giu-ma', code: '30283' }));
    await saveUnit(bare.deps, ADMIN, unit({ id: 'xa-giu-ma', name: 'Xã đổi tên' }));
    expect((await byId(bare)).get('xa-giu-ma')).toMatchObject({ name: 'Xã đổi tên', code: '30283' });
    await saveUnit(bare.deps, ADMIN, unit({ id: 'xa-giu-ma', code: '' }));
    expect((await byId(bare)).get('xa-giu-ma')).not.toHaveProperty('code');
    const bad = await refused(saveUnit(bare.deps, ADMIN, unit({ code: '123' })));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad.issues).toEqual([expect.objectContaining({ field: 'code', key: 'reason.officialCode' })]);
    expect(await refused(saveUnit(bare.deps, boardActor(bare.ids.chain), unit({ code: '30286' })))).toBeInstanceOf(ForbiddenError);
  });
});
