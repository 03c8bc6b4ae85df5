import type { Deps } from '../core/deps.ts';
import { hashPassword } from '../core/passwords.ts';
import { boardKey, unitKey, userKey } from '../core/store/keys.ts';
import type { DocumentSettings } from '../core/decisions/batch-decision.ts';
import { putOnce, type Account, type Board, type Unit } from '../core/store/org-store.ts';
import { DEMO_CRITERIA } from '../core/criteria.ts';
import { KINDS, periodOf } from '../core/model.ts';
import { cycleYearAt } from '../core/rules.ts';
import { putCriteriaSet } from '../core/store/criteria-store.ts';
import { ORG_INDEX } from '../core/use-cases/organisation.ts';
import { officialCodeOf } from '../core/official-units.ts';

/** Demo password of every seeded account: for local use only, never deployed. */
export const DEMO_PASSWORD = 'Demo@2026';

export const DEMO_BOARDS: Board[] = [
  { id: 'ban-dan-van-tw', name: 'Ban Dân vận Trung ương', level: 'CENTRAL', unitId: 'trung-uong' },
  { id: 'ban-tinh-qn', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Ninh', level: 'PROVINCE', unitId: 'tinh-qn' },
  { id: 'ban-tinh-qt', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Quảng Trị', level: 'PROVINCE', unitId: 'tinh-qt' },
];

/** The official code of a demo unit, looked up by its name in data/admin-units-2025.csv (none if the list lacks the name). */
const QN = 'Tỉnh Quảng Ninh';
const QT = 'Tỉnh Quảng Trị';
const code = (name: string, provinceName?: string) => {
  const found = officialCodeOf(name, provinceName);
  return found ? { code: found } : {};
};

export const DEMO_UNITS: (Unit & { type: string })[] = [
  { id: 'trung-uong', name: 'Trung ương', type: 'CENTRAL', level: 'CENTRAL', boardId: 'ban-dan-van-tw' },
  {
    id: 'tinh-qn',
    name: 'Tỉnh Quảng Ninh',
    type: 'PROVINCE',
    level: 'PROVINCE',
    parentId: 'trung-uong',
    boardId: 'ban-tinh-qn',
    ...code('Tỉnh Quảng Ninh'),
  },
  {
    id: 'phuong-ha-long',
    name: 'Phường Hạ Long',
    type: 'COMMUNE',
    level: 'COMMUNE',
    parentId: 'tinh-qn',
    boardId: 'ban-tinh-qn',
    ...code('Phường Hạ Long', QN),
  },
  {
    id: 'xa-quang-la',
    name: 'Xã Quảng La',
    type: 'COMMUNE',
    level: 'COMMUNE',
    parentId: 'tinh-qn',
    boardId: 'ban-tinh-qn',
    ...code('Xã Quảng La', QN),
  },
  {
    id: 'hoi-nong-dan-qn',
    name: 'Hội Nông dân tỉnh Quảng Ninh',
    type: 'ASSOCIATION',
    level: 'PROVINCE',
    parentId: 'tinh-qn',
    boardId: 'ban-tinh-qn',
  },
  {
    id: 'huyen-hoanh-bo',
    name: 'Huyện Hoành Bồ (trước 2025)',
    type: 'DISTRICT',
    level: 'DISTRICT',
    parentId: 'tinh-qn',
    boardId: 'ban-tinh-qn',
    historical: true,
  },
  {
    id: 'tinh-qt',
    name: 'Tỉnh Quảng Trị',
    type: 'PROVINCE',
    level: 'PROVINCE',
    parentId: 'trung-uong',
    boardId: 'ban-tinh-qt',
    ...code('Tỉnh Quảng Trị'),
  },
  {
    id: 'phuong-dong-ha',
    name: 'Phường Đông Hà',
    type: 'COMMUNE',
    level: 'COMMUNE',
    parentId: 'tinh-qt',
    boardId: 'ban-tinh-qt',
    ...code('Phường Đông Hà', QT),
  },
];

export const DEMO_ACCOUNTS: Omit<Account, 'passwordHash'>[] = [
  { username: 'donvi.halong', displayName: 'Cán bộ Phường Hạ Long', role: 'unit', unitId: 'phuong-ha-long' },
  { username: 'donvi.quangla', displayName: 'Cán bộ Xã Quảng La', role: 'unit', unitId: 'xa-quang-la' },
  { username: 'donvi.dongha', displayName: 'Cán bộ Phường Đông Hà', role: 'unit', unitId: 'phuong-dong-ha' },
  {
    username: 'ban.quangninh',
    displayName: 'Thành viên Ban Dân vận Quảng Ninh',
    role: 'board',
    boardId: 'ban-tinh-qn',
    boardRoles: ['SPECIALIST', 'LEADER', 'COMMITTEE'],
  },
  {
    username: 'chuyenvien.qn',
    displayName: 'Chuyên viên Ban Dân vận Quảng Ninh',
    role: 'board',
    boardId: 'ban-tinh-qn',
    boardRoles: ['SPECIALIST'],
  },
  { username: 'lanhdao.qn', displayName: 'Lãnh đạo Ban Dân vận Quảng Ninh', role: 'board', boardId: 'ban-tinh-qn', boardRoles: ['LEADER'] },
  {
    username: 'thuongtruc.qn',
    displayName: 'Thường trực Tỉnh ủy Quảng Ninh',
    role: 'board',
    boardId: 'ban-tinh-qn',
    boardRoles: ['COMMITTEE'],
  },
  { username: 'ban.quangtri', displayName: 'Thành viên Ban Dân vận Quảng Trị', role: 'board', boardId: 'ban-tinh-qt' },
  { username: 'quantri', displayName: 'Quản trị hệ thống', role: 'admin' },
];

/** Seeds the demo organisation and accounts once; returns true on the first start. */
export async function seedDemo(deps: Pick<Deps, 'db' | 'tableName'>): Promise<boolean> {
  const first = await putOnce(deps, { pk: 'SEED#demo', sk: 'META' }, { seededAt: new Date().toISOString() });
  if (!first) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // The Quang Ninh board scores by Da Lat's published standards, specialist -> leader -> committee,
  // in the period before the current one, the current one, and next year's (a unit registers for
  // this cycle year or the next): derived from the clock, never a fixed year.
  const year = cycleYearAt(new Date());
  const periods = [...new Set([periodOf(year - 5), periodOf(year), periodOf(year + 1)])];
  // Items of their own, written together (every runtime a test starts seeds them).
  await Promise.all([
    ...DEMO_BOARDS.map((board) => putOnce(deps, boardKey(board.id), { ...board, gsi1pk: ORG_INDEX.board, gsi1sk: board.id })),
    ...DEMO_UNITS.map((unit) => putOnce(deps, unitKey(unit.id), { ...unit, gsi1pk: ORG_INDEX.unit, gsi1sk: unit.id })),
    // Demo addresses at example.org (reserved, RFC 2606): the local mail catcher keeps what they would get.
    ...DEMO_ACCOUNTS.map((account) =>
      putOnce(deps, userKey(account.username), {
        ...account,
        email: `${account.username}@example.org`,
        passwordHash,
        gsi1pk: ORG_INDEX.account,
        gsi1sk: account.username,
      }),
    ),
    ...periods.flatMap((period) =>
      KINDS.map((kind) =>
        putCriteriaSet(deps, {
          boardId: 'ban-tinh-qn',
          period,
          kind,
          criteria: DEMO_CRITERIA[kind],
          approvalChain: ['SPECIALIST', 'LEADER', 'COMMITTEE'],
          updatedAt: new Date().toISOString(),
          updatedBy: 'seed',
        }),
      ),
    ),
  ]);
  // Quảng Ninh issues one decision for a year's recognitions, as a Party body (36-HD/VPTW);
  // Quảng Trị keeps numbering each recognition on its own.
  await putOnce(deps, { pk: 'BOARD#ban-tinh-qn', sk: 'DOCUMENTS' }, DEMO_DOCUMENT_SETTINGS);
  return true;
}

/** The demo board's document settings (names and grounds are examples). */
export const DEMO_DOCUMENT_SETTINGS: DocumentSettings = {
  mode: 'BATCH',
  format: 'PARTY',
  parentBody: 'TỈNH ỦY QUẢNG NINH',
  issuingBody: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
  symbol: 'QĐ/BTGDVTU',
  place: 'Quảng Ninh',
  signer: { authority: 'K/T TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Thị Minh' },
  grounds: [
    'Căn cứ Quy chế làm việc của Ban Tuyên giáo và Dân vận Tỉnh ủy;',
    'Căn cứ Kế hoạch thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2026 - 2030 của Ban Thường vụ Tỉnh ủy;',
    'Xét kết quả thẩm định của Hội đồng thi đua “Dân vận khéo” tỉnh,',
  ],
  recipients: ['Thường trực Tỉnh ủy (b/c)', 'Các đơn vị có tên tại Điều 1', 'Lưu Văn phòng Ban'],
};
