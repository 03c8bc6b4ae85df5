import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { BOARD_ROLES, ROLES, type Actor } from '../actor.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { LEVELS } from '../model.ts';
import { hashPassword } from '../passwords.ts';
import { boardKey, unitKey, userKey, withoutKeys } from '../store/keys.ts';
import { UNIT_TYPES, deleteAccount, getAccount, getBoard, getUnit, type Account, type Board, type Unit } from '../store/org-store.ts';
import { deleteSessionsOf } from '../store/session-store.ts';
import { parseOrThrow } from '../validation.ts';
import { recordSecurityEvent } from './security-events.ts';

export { UNIT_TYPES };
const id = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,60}$/, 'chữ thường, số, gạch ngang / lowercase letters, digits, dashes')
  .describe('2-60 lowercase letters, digits and dashes');
const name = z.string().trim().min(1).max(200);

export const UnitInputSchema = z.strictObject({
  id,
  name,
  type: z.enum(UNIT_TYPES).describe('A commune or ward is COMMUNE'),
  level: z.enum(LEVELS),
  parentId: id.optional().describe('The unit above (absent at the top)'),
  boardId: id.describe('The evaluation board whose jurisdiction the unit is in (it must exist)'),
  /** Districts are gone since 2025 but older records still point at them. */
  historical: z.boolean().default(false),
});
export const BoardInputSchema = z.strictObject({
  id,
  name,
  level: z.enum(LEVELS).describe('The highest level it recognizes at'),
  unitId: id.describe('The unit the board belongs to (it must exist)'),
});
export const AccountInputSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,60}$/, 'chữ thường, số, dấu chấm / lowercase letters, digits, dots')
    .describe('3-60 lowercase letters, digits, dots, dashes, underscores (stored lowercase)'),
  displayName: name,
  role: z.enum(ROLES),
  unitId: id.optional().describe('Required for role `unit`: an existing unit'),
  boardId: id.optional().describe('Required for role `board`: an existing board'),
  boardRoles: z.array(z.enum(BOARD_ROLES)).max(3).optional().describe('Role `board`: its roles in the approval chain (default: all three)'),
  /** Required for a new account; when editing, only if it changes. */
  password: z
    .string()
    .min(10, 'tối thiểu 10 ký tự / at least 10 characters')
    .max(200)
    .optional()
    .describe('10-200 characters. Required for a new account; when editing, only to change it (which ends the account’s sessions)'),
});

const ORG_INDEX = { unit: 'ORG#UNIT', board: 'ORG#BOARD', account: 'ORG#USER' } as const;

function assertAdmin(actor: Actor): void {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('Chỉ quản trị viên / administrators only');
}

async function list(deps: Deps, index: string) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.db.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': index },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []).map((i) => withoutKeys(i)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

async function put(deps: Deps, key: Record<string, string>, index: string, sortKey: string, item: Record<string, unknown>) {
  await deps.db.send(new PutCommand({ TableName: deps.tableName, Item: { ...key, ...item, gsi1pk: index, gsi1sk: sortKey } }));
}

export const listUnits = async (deps: Deps) => (await list(deps, ORG_INDEX.unit)) as unknown as Unit[];
export const listBoards = async (deps: Deps) => (await list(deps, ORG_INDEX.board)) as unknown as Board[];
export async function listAccounts(deps: Deps, actor: Actor): Promise<Omit<Account, 'passwordHash'>[]> {
  assertAdmin(actor);
  return (await list(deps, ORG_INDEX.account)).map(
    ({ passwordHash: _hash, ...account }) => account as unknown as Omit<Account, 'passwordHash'>,
  );
}

/** Creates or updates a unit; its parent and its board must exist. */
export async function saveUnit(deps: Deps, actor: Actor, body: unknown) {
  assertAdmin(actor);
  const unit = parseOrThrow(UnitInputSchema, body);
  const issues = [];
  if (unit.parentId && (unit.parentId === unit.id || !(await getUnit(deps, unit.parentId))))
    issues.push({ field: 'parentId', reason: 'đơn vị cấp trên không tồn tại / no such parent unit' });
  if (!(await getBoard(deps, unit.boardId))) issues.push({ field: 'boardId', reason: 'ban không tồn tại / no such board' });
  if (issues.length) throw new ValidationError(issues);
  await put(deps, unitKey(unit.id), ORG_INDEX.unit, unit.id, unit);
  return unit;
}

/** Creates or updates a board attached to a unit: its jurisdiction is the units that name it. */
export async function saveBoard(deps: Deps, actor: Actor, body: unknown) {
  assertAdmin(actor);
  const board = parseOrThrow(BoardInputSchema, body);
  if (!(await getUnit(deps, board.unitId))) throw new ValidationError([{ field: 'unitId', reason: 'đơn vị không tồn tại / no such unit' }]);
  await put(deps, boardKey(board.id), ORG_INDEX.board, board.id, board);
  return board;
}

/** What changed in an account that its live sessions must not outlast (never the password itself). */
function securityChanges(before: Account | undefined, after: Account, passwordChanged: boolean): string[] {
  if (!before) return [];
  const changes: string[] = [];
  if (before.role !== after.role) changes.push(`role ${before.role} → ${after.role}`);
  if (before.unitId !== after.unitId) changes.push(`unitId ${before.unitId ?? '-'} → ${after.unitId ?? '-'}`);
  if (before.boardId !== after.boardId) changes.push(`boardId ${before.boardId ?? '-'} → ${after.boardId ?? '-'}`);
  if ((before.boardRoles ?? []).join(',') !== (after.boardRoles ?? []).join(','))
    changes.push(`boardRoles ${(before.boardRoles ?? []).join(',') || '-'} → ${(after.boardRoles ?? []).join(',') || '-'}`);
  if (passwordChanged) changes.push('password');
  return changes;
}

/** An administrator ends every session of an account (a lost laptop, a leaver). */
export async function endSessionsOf(deps: Deps, actor: Actor, username: string): Promise<{ ended: number }> {
  assertAdmin(actor);
  if (!(await getAccount(deps, username))) throw new NotFoundError(`Không có tài khoản ${username} / no account ${username}`);
  const ended = await deleteSessionsOf(deps, username);
  await recordSecurityEvent(deps, {
    type: 'SESSIONS_ENDED',
    actor: actor.username,
    subject: username.toLowerCase(),
    detail: `${ended} session(s) ended by an administrator`,
  });
  return { ended };
}

/** Removes an account and ends its sessions; an administrator cannot remove their own. */
export async function removeAccount(deps: Deps, actor: Actor, username: string): Promise<void> {
  assertAdmin(actor);
  const account = await getAccount(deps, username);
  if (!account) throw new NotFoundError(`Không có tài khoản ${username} / no account ${username}`);
  if (account.username === actor.username)
    throw new ConflictError('Không thể xóa tài khoản của chính mình / you cannot remove your own account');
  await deleteAccount(deps, account.username);
  const ended = await deleteSessionsOf(deps, account.username);
  await recordSecurityEvent(deps, {
    type: 'ACCOUNT_REMOVED',
    actor: actor.username,
    subject: account.username,
    detail: `role ${account.role}; ${ended} session(s) ended`,
  });
}

/**
 * Creates an account (with a password) or changes its role, scope, name or password. A change
 * of password, role or scope ends the account's live sessions: they were granted under the old.
 */
export async function saveAccount(deps: Deps, actor: Actor, body: unknown) {
  assertAdmin(actor);
  const input = parseOrThrow(AccountInputSchema, body);
  const existing = await getAccount(deps, input.username);
  const issues = [];
  if (!existing && !input.password) issues.push({ field: 'password', reason: 'bắt buộc với tài khoản mới / required for a new account' });
  if (input.role === 'unit' && !(input.unitId && (await getUnit(deps, input.unitId))))
    issues.push({ field: 'unitId', reason: 'cần đơn vị hợp lệ / a valid unit is required' });
  if (input.role === 'board' && !(input.boardId && (await getBoard(deps, input.boardId))))
    issues.push({ field: 'boardId', reason: 'cần ban hợp lệ / a valid board is required' });
  if (issues.length) throw new ValidationError(issues);
  const account: Account = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId: input.role === 'unit' ? input.unitId : undefined,
    boardId: input.role === 'board' ? input.boardId : undefined,
    boardRoles: input.role === 'board' ? (input.boardRoles?.length ? input.boardRoles : [...BOARD_ROLES]) : undefined,
    passwordHash: input.password ? await hashPassword(input.password) : existing!.passwordHash,
  };
  await put(deps, userKey(account.username), ORG_INDEX.account, account.username, account);
  const changes = securityChanges(existing, account, Boolean(existing && input.password));
  if (!existing)
    await recordSecurityEvent(deps, {
      type: 'ACCOUNT_CREATED',
      actor: actor.username,
      subject: account.username,
      detail: `role ${account.role}`,
    });
  if (changes.length > 0) {
    const ended = await deleteSessionsOf(deps, account.username);
    await recordSecurityEvent(deps, {
      type: 'ACCOUNT_CHANGED',
      actor: actor.username,
      subject: account.username,
      detail: `${changes.join('; ')}; ${ended} session(s) ended`,
    });
  }
  const { passwordHash: _hash, ...visible } = account;
  return visible;
}

export async function requireUnit(deps: Deps, unitId: string) {
  const unit = await getUnit(deps, unitId);
  if (!unit) throw new NotFoundError(`unit ${unitId} not found`);
  return unit;
}

export { ORG_INDEX };
