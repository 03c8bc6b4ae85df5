import { BOARD_ROLES } from '../../core/actor.ts';
import { optional, parseNumber, range, rowCount } from '../ui/form-bodies.ts';

type Values = Record<string, string>;

/** Admin form strings -> use-case bodies (core validates); field names match core's error paths. */

export const CRITERIA_FIELDS = ['id', 'name', 'maxScore'] as const;
export const CHAIN_STEPS = 3;

export function unitBody(v: Values) {
  return {
    id: v.id ?? '',
    name: v.name ?? '',
    type: v.type ?? '',
    level: v.level ?? '',
    ...optional('parentId', v.parentId),
    boardId: v.boardId ?? '',
    historical: v.historical === 'on',
    // The official code: empty removes it; a form without the field keeps the unit's.
    ...(v.code === undefined ? {} : { code: v.code.trim() }),
  };
}

export function boardBody(v: Values) {
  return { id: v.id ?? '', name: v.name ?? '', level: v.level ?? '', unitId: v.unitId ?? '' };
}

/** Only the scope of the chosen role is sent; an empty password keeps the current one. */
export function accountBody(v: Values) {
  const role = v.role ?? '';
  return {
    username: v.username ?? '',
    displayName: v.displayName ?? '',
    role,
    ...(role === 'unit' ? optional('unitId', v.unitId) : {}),
    ...(role === 'board'
      ? { ...optional('boardId', v.boardId), boardRoles: BOARD_ROLES.filter((r) => v[`boardRoles.${r}`] === 'on') }
      : {}),
    ...(v.password ? { password: v.password } : {}),
    // The page always shows the address: an empty one clears it; no choice is the default.
    email: (v.email ?? '').trim(),
    notify: v.notify || 'IMMEDIATE',
    lang: v.lang === 'en' ? 'en' : 'vi',
  };
}

/** Criteria rows are compacted first; the chain is the chosen steps in order. */
export function criteriaBody(v: Values) {
  return {
    boardId: v.boardId ?? '',
    period: (v.period ?? '').trim(),
    kind: v.kind ?? '',
    criteria: range(rowCount(v, 'criteria')).map((i) => ({
      id: v[`criteria.${i}.id`] ?? '',
      name: v[`criteria.${i}.name`] ?? '',
      maxScore: parseNumber(v[`criteria.${i}.maxScore`], `criteria.${i}.maxScore`),
    })),
    approvalChain: range(CHAIN_STEPS)
      .map((i) => v[`chain.${i}`] ?? '')
      .filter(Boolean),
  };
}
