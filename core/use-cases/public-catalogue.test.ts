import { beforeAll, describe, expect, it } from 'vitest';
import { unitKey } from '../store/keys.ts';
import { putOnce, type Unit } from '../store/org-store.ts';
import { useCaseWorld, type World } from '../../test/support/use-case-world.ts';
import { searchPublicCatalogue, unitSearchText } from './public-catalogue.ts';

/**
 * The public search finds a model by its unit's name and the places above the unit (issue 15),
 * with or without diacritics, on the real store: Phường Hạ Long and Xã Quảng La under Tỉnh
 * Quảng Ninh under Trung ương; a unit elsewhere (the world's own) for contrast.
 */
let w: World;
let halong: string;
let quangla: string;
let elsewhere: string;
const ids = { center: '', province: '', halong: '', quangla: '' };

beforeAll(async () => {
  w = await useCaseWorld('public-search');
  const s = w.ids.direct.slice(-6);
  Object.assign(ids, { center: `tw-${s}`, province: `tinh-qn-${s}`, halong: `phuong-ha-long-${s}`, quangla: `xa-quang-la-${s}` });
  const unit = (id: string, name: string, level: string, parentId?: string) =>
    putOnce(w.deps, unitKey(id), { id, name, type: level, level, parentId, boardId: w.ids.direct, gsi1pk: 'ORG#UNIT', gsi1sk: id });
  await unit(ids.center, 'Trung ương', 'CENTRAL');
  await unit(ids.province, 'Tỉnh Quảng Ninh', 'PROVINCE', ids.center);
  await unit(ids.halong, 'Phường Hạ Long', 'COMMUNE', ids.province);
  await unit(ids.quangla, 'Xã Quảng La', 'COMMUNE', ids.province);
  halong = (await w.recognized(ids.halong, { name: 'Khu phố sạch đẹp' })).id;
  quangla = (await w.recognized(ids.quangla, { name: 'Hiến đất làm đường' })).id;
  elsewhere = (await w.recognized(w.ids.directUnit, { name: 'Khu phố văn minh' })).id;
}, 120_000);

const found = async (q: string, more: Record<string, unknown> = {}) =>
  (await searchPublicCatalogue(w.deps, { q, ...more })).items.map((i) => i.id).sort();

describe('public search by unit and place', () => {
  it('finds the models of Phường Hạ Long by "Hạ Long" or "ha long", with the unit’s name', async () => {
    expect(await found('Hạ Long')).toEqual([halong]);
    expect(await found('ha long')).toEqual([halong]);
    expect(await found('PHUONG HA LONG')).toEqual([halong]);
    const { items } = await searchPublicCatalogue(w.deps, { q: 'ha long' });
    expect(items[0]?.unitName).toBe('Phường Hạ Long');
  });

  it('finds every model under a place, and words of the name and the unit together', async () => {
    expect(await found('quang ninh')).toEqual([halong, quangla].sort());
    expect(await found('Quảng La')).toEqual([quangla]);
    expect(await found('khu pho ha long')).toEqual([halong]);
    expect(await found('khu pho')).toEqual([halong, elsewhere].sort());
    expect(await found('ha long duong')).toEqual([]);
    // The central level every unit sits under is no place to search by.
    expect(await found('trung uong')).toEqual([]);
  });

  it('pages a unit search with its cursor', async () => {
    const first = await searchPublicCatalogue(w.deps, { q: 'quang ninh', limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await searchPublicCatalogue(w.deps, { q: 'quang ninh', limit: 1, cursor: first.nextCursor });
    expect([first.items[0]?.id, second.items[0]?.id].sort()).toEqual([halong, quangla].sort());
  });

  it('builds a unit’s search text from its name and the places above it, not the central level', () => {
    const units = new Map<string, Unit>([
      ['tw', { id: 'tw', name: 'Trung ương', level: 'CENTRAL', boardId: 'b' }],
      ['qn', { id: 'qn', name: 'Tỉnh Quảng Ninh', level: 'PROVINCE', parentId: 'tw', boardId: 'b' }],
      ['hl', { id: 'hl', name: 'Phường Hạ Long', level: 'COMMUNE', parentId: 'qn', boardId: 'b' }],
      // A stored cycle ends the walk.
      ['a', { id: 'a', name: 'Đơn vị A', level: 'COMMUNE', parentId: 'b', boardId: 'b' }],
      ['b', { id: 'b', name: 'Đơn vị B', level: 'COMMUNE', parentId: 'a', boardId: 'b' }],
    ]);
    expect(unitSearchText('hl', units)).toBe('phuong ha long tinh quang ninh');
    expect(unitSearchText('tw', units)).toBe('trung uong');
    expect(unitSearchText('a', units)).toBe('don vi a don vi b');
    expect(unitSearchText('missing', units)).toBe('');
  });
});
