import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, boardActor, unitActor, useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { ValidationError } from '../errors.ts';
import { registerModel } from './register-model.ts';
import { searchEverything } from './global-search.ts';
import { searchModelList } from './model-views.ts';

/** The board's model list and the one search box, on the real store: scope, diacritics, paging. */
let w: World;
beforeAll(async () => {
  w = await useCaseWorld('search');
  await w.submitted(w.ids.directUnit, { name: 'Dân vận khéo trong hiến đất làm đường' });
  await w.submitted(w.ids.directUnit2, { name: 'Tổ tự quản bảo vệ môi trường', kind: 'EXEMPLAR', area: 'CULTURE_SOCIETY' });
  await w.recognized(w.ids.directUnit, { name: 'Chợ đêm văn minh' }, 'COMMUNE');
  await w.submitted(w.ids.otherUnit, { name: 'Dân vận khéo của ban khác' });
  // A unit's draft is its own: never in a board's list or search.
  await registerModel(w.deps, unitActor(w.ids.directUnit), { name: 'Bản nháp hiến đất' }, { submit: false });
});

describe('the model list and the one search box', () => {
  it('finds a board’s models by name or unit name, with or without diacritics, and nothing of another board', async () => {
    const board = boardActor(w.ids.direct);
    const page = await searchModelList(w.deps, board, { q: 'hien dat' });
    expect(page.rows.map((r) => r.name)).toEqual(['Dân vận khéo trong hiến đất làm đường']);
    expect(page.total).toBe(3);
    expect(page.rows[0]!.unitName).toBe(`Xã ${w.ids.directUnit}`);
    const byUnit = await searchModelList(w.deps, board, { q: `xa ${w.ids.directUnit2}` });
    expect(byUnit.rows.map((r) => r.name)).toEqual(['Tổ tự quản bảo vệ môi trường']);
    expect((await searchModelList(w.deps, board, { q: 'ban khac' })).matched).toBe(0);
  });

  it('filters by kind and area and pages, a page past the last being the last', async () => {
    const board = boardActor(w.ids.direct);
    expect((await searchModelList(w.deps, board, { kind: 'EXEMPLAR' })).rows.map((r) => r.kind)).toEqual(['EXEMPLAR']);
    const paged = await searchModelList(w.deps, board, { size: '2', page: '9' });
    expect(paged).toMatchObject({ page: 2, pages: 2, matched: 3, size: 2 });
    expect(paged.rows).toHaveLength(1);
    await expect(searchModelList(w.deps, board, { area: 'SPACE' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('searches models, units and decisions in the reader’s scope only', async () => {
    const board = await searchEverything(w.deps, boardActor(w.ids.direct), { q: 'cho dem' });
    expect(board.models.map((m) => m.name)).toEqual(['Chợ đêm văn minh']);
    expect(board.decisionCount).toBe(1);
    expect(board.decisions[0]).toMatchObject({ modelName: 'Chợ đêm văn minh', level: 'COMMUNE' });
    const units = await searchEverything(w.deps, boardActor(w.ids.direct), { q: 'xa' });
    expect(units.units.map((u) => u.id).sort()).toEqual([w.ids.directUnit, w.ids.directUnit2].sort());
    const unit = await searchEverything(w.deps, unitActor(w.ids.directUnit2), { q: 'dan van kheo' });
    expect(unit.modelCount).toBe(0);
    const admin = await searchEverything(w.deps, ADMIN, { q: 'dan van kheo' });
    expect(admin.models.map((m) => m.name).sort()).toEqual(['Dân vận khéo của ban khác', 'Dân vận khéo trong hiến đất làm đường']);
    expect((await searchEverything(w.deps, ADMIN, { q: '  ' })).modelCount).toBe(0);
  });

  it('keeps a unit’s own drafts in its own search', async () => {
    const mine = await searchEverything(w.deps, unitActor(w.ids.directUnit), { q: 'ban nhap' });
    expect(mine.models.map((m) => m.status)).toEqual(['DRAFT']);
  });
});
