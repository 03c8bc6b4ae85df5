import type { Deps } from '../core/deps.ts';
import { hashPassword } from '../core/passwords.ts';
import { boardKey, unitKey, userKey } from '../core/store/keys.ts';
import { putOnce, type Account, type Board, type Unit } from '../core/store/org-store.ts';

/** Demo password of every seeded account: for local use only, never deployed. */
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_BOARDS: Board[] = [
  { id: 'ban-tinh-qn', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh', level: 'PROVINCE', unitId: 'tinh-qn' },
  { id: 'ban-tinh-qt', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị', level: 'PROVINCE', unitId: 'tinh-qt' },
];

export const DEMO_UNITS: Unit[] = [
  { id: 'tinh-qn', name: 'Tỉnh Quảng Ninh', level: 'PROVINCE', boardId: 'ban-tinh-qn' },
  { id: 'phuong-ha-long', name: 'Phường Hạ Long', level: 'COMMUNE', parentId: 'tinh-qn', boardId: 'ban-tinh-qn' },
  { id: 'xa-quang-la', name: 'Xã Quảng La', level: 'COMMUNE', parentId: 'tinh-qn', boardId: 'ban-tinh-qn' },
  { id: 'hoi-nong-dan-qn', name: 'Hội Nông dân tỉnh Quảng Ninh', level: 'AGENCY', parentId: 'tinh-qn', boardId: 'ban-tinh-qn' },
  { id: 'tinh-qt', name: 'Tỉnh Quảng Trị', level: 'PROVINCE', boardId: 'ban-tinh-qt' },
  { id: 'phuong-dong-ha', name: 'Phường Đông Hà', level: 'COMMUNE', parentId: 'tinh-qt', boardId: 'ban-tinh-qt' },
];

export const DEMO_ACCOUNTS: Omit<Account, 'passwordHash'>[] = [
  { username: 'donvi.halong', displayName: 'Cán bộ Phường Hạ Long', role: 'unit', unitId: 'phuong-ha-long' },
  { username: 'donvi.quangla', displayName: 'Cán bộ Xã Quảng La', role: 'unit', unitId: 'xa-quang-la' },
  { username: 'donvi.dongha', displayName: 'Cán bộ Phường Đông Hà', role: 'unit', unitId: 'phuong-dong-ha' },
  { username: 'ban.quangninh', displayName: 'Thành viên Ban Dân vận Quảng Ninh', role: 'board', boardId: 'ban-tinh-qn' },
  { username: 'ban.quangtri', displayName: 'Thành viên Ban Dân vận Quảng Trị', role: 'board', boardId: 'ban-tinh-qt' },
  { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin' },
];

/** Seeds the demo organisation and accounts once; returns true on the first start. */
export async function seedDemo(deps: Pick<Deps, 'db' | 'tableName'>): Promise<boolean> {
  const first = await putOnce(deps, { pk: 'SEED#demo', sk: 'META' }, { seededAt: new Date().toISOString() });
  if (!first) return false;
  for (const board of DEMO_BOARDS) await putOnce(deps, boardKey(board.id), board);
  for (const unit of DEMO_UNITS) await putOnce(deps, unitKey(unit.id), unit);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) await putOnce(deps, userKey(account.username), { ...account, passwordHash });
  return true;
}
