import * as z from 'zod';
import { BOARD_ROLES, ROLES, type Actor } from '../actor.ts';
import { NOTIFY_PREFERENCES } from '../records.ts';
import type { Deps } from '../deps.ts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError, type FieldIssue } from '../errors.ts';
import { LEVELS } from '../model.ts';
import { OFFICIAL_CODE } from '../official-units.ts';
import { hashPassword } from '../passwords.ts';
import {
  ORG_INDEX,
  UNIT_TYPES,
  deleteAccount,
  getAccount,
  getBoard,
  getUnit,
  listAccounts as listStoredAccounts,
  listBoards as listStoredBoards,
  listUnits as listStoredUnits,
  putAccount,
  putBoard,
  putUnit,
  type Account,
  type Board,
  type Unit,
} from '../store/org-store.ts';
import { deleteSessionsOf } from '../store/session-store.ts';
import { unitNameMap } from '../store/lineage-store.ts';
import { messageKey } from '../messages.ts';
import { parseOrThrow } from '../validation.ts';
import { assertLevelExists, levelIssue } from '../rules.ts';
import { recordSecurityEvent } from './security-events.ts';

export { UNIT_TYPES };
const id = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,60}$/, messageKey('reason.lowercaseDigitsDashes'))
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
  code: z
    .union([z.string().trim().regex(OFFICIAL_CODE, messageKey('reason.officialCode')), z.literal('')])
    .optional()
    .describe(
      'Its official administrative code (QĐ 19/2025/QĐ-TTg): 2 digits for a province, 5 for a commune, unique among units. Absent: the code it has is kept; empty: it has none',
    ),
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
    .regex(/^[a-z0-9._-]{3,60}$/, messageKey('reason.lowercaseDigitsDots'))
    .describe('3-60 lowercase letters, digits, dots, dashes, underscores (stored lowercase)'),
  displayName: name,
  role: z.enum(ROLES),
  unitId: id.optional().describe('Required for role `unit`: an existing unit'),
  boardId: id.optional().describe('Required for role `board`: an existing board'),
  boardRoles: z.array(z.enum(BOARD_ROLES)).max(3).optional().describe('Role `board`: its roles in the approval chain (default: all three)'),
  /** Required for a new account; when editing, only if it changes. */
  password: z
    .string()
    .min(10)
    .max(200)
    .optional()
    .describe('10-200 characters. Required for a new account; when editing, only to change it (which ends the account’s sessions)'),
  email: z
    .union([z.email(messageKey('reason.emailFormat')).max(200), z.literal('')])
    .optional()
    .describe('Where notifications go; empty: none. Absent when editing: kept'),
  notify: z
    .enum(NOTIFY_PREFERENCES)
    .optional()
    .describe('IMMEDIATE (default), DIGEST (one message a day) or OFF. Absent when editing: kept'),
  lang: z.enum(['vi', 'en']).optional().describe('The language of its messages (default vi). Absent when editing: kept'),
});

export function assertAdmin(actor: Actor): void {
  if (!(actor.kind === 'user' && actor.role === 'admin')) throw new ForbiddenError('error.adminsOnly');
}

export const listUnits = (deps: Deps): Promise<Unit[]> => listStoredUnits(deps);
export const listBoards = (deps: Deps): Promise<Board[]> => listStoredBoards(deps);
export async function listAccounts(deps: Deps, actor: Actor): Promise<Omit<Account, 'passwordHash'>[]> {
  assertAdmin(actor);
  return listStoredAccounts(deps);
}

/** Creates or updates a unit; its parent and its board must exist, and no other unit has its official code. */
export async function saveUnit(deps: Deps, actor: Actor, body: unknown) {
  assertAdmin(actor);
  const { code: codeInput, ...input } = parseOrThrow(UnitInputSchema, body);
  const issues: FieldIssue[] = [];
  if (input.parentId && (input.parentId === input.id || !(await getUnit(deps, input.parentId))))
    issues.push({ field: 'parentId', key: 'reason.noSuchParentUnit' });
  if (!(await getBoard(deps, input.boardId))) issues.push({ field: 'boardId', key: 'reason.noSuchBoard' });
  if (issues.length) throw new ValidationError(issues);
  const before = await getUnit(deps, input.id);
  // The district level is gone since 1 July 2025: only a historical unit, or one stored with it, keeps it.
  const gone = input.historical
    ? []
    : [
        before?.level === input.level ? undefined : levelIssue(input.level, deps.now(), 'level'),
        before?.type === input.type || input.type !== 'DISTRICT' ? undefined : levelIssue('DISTRICT', deps.now(), 'type'),
      ].filter((issue) => issue !== undefined);
  if (gone.length) throw new RuleViolationError(gone, 'error.levelAbolished');
  const code = codeInput === undefined ? before?.code : codeInput || undefined;
  if (code && code !== before?.code) await assertCodeFree(deps, code, input.id);
  // What unit changes recorded (unit-changes.ts) stays: the form does not hold it.
  const { successorId, endedAt, formerNames } = before ?? {};
  const unit: Unit = {
    ...input,
    ...(code ? { code } : {}),
    ...(successorId ? { successorId, endedAt, formerNames } : formerNames ? { formerNames } : {}),
  };
  await putUnit(deps, unit);
  return unit;
}

/** An official code belongs to one unit: another unit with it is a conflict (409). */
async function assertCodeFree(deps: Deps, code: string, unitId: string): Promise<void> {
  const holder = (await listStoredUnits(deps)).find((u) => u.code === code && u.id !== unitId);
  if (holder) throw new ConflictError('error.unitCodeTaken', { code, unitId: holder.id, name: holder.name });
}

/** Creates or updates a board attached to a unit: its jurisdiction is the units that name it. */
export async function saveBoard(deps: Deps, actor: Actor, body: unknown) {
  assertAdmin(actor);
  const board = parseOrThrow(BoardInputSchema, body);
  if (!(await getUnit(deps, board.unitId))) throw new ValidationError([{ field: 'unitId', key: 'reason.noSuchUnit' }]);
  // A new board, or a change of level, cannot be at the district level (gone since 1 July 2025).
  if ((await getBoard(deps, board.id))?.level !== board.level) assertLevelExists(board.level, deps.now());
  await putBoard(deps, board);
  return board;
}

/** Email, preference and language: kept when absent from an edit; a bounce is forgotten when the address changes. */
function notificationFields(existing: Account | undefined, input: z.infer<typeof AccountInputSchema>) {
  const email = input.email === undefined ? existing?.email : input.email || undefined;
  const bounced = existing?.emailBouncedAt && email === existing.email ? existing.emailBouncedAt : undefined;
  const notify = input.notify ?? existing?.notify;
  const lang = input.lang ?? existing?.lang;
  return {
    ...(email ? { email } : {}),
    ...(notify ? { notify } : {}),
    ...(lang ? { lang } : {}),
    ...(bounced ? { emailBouncedAt: bounced } : {}),
  };
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
  if (!(await getAccount(deps, username))) throw new NotFoundError('error.noAccount', { username });
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
  if (!account) throw new NotFoundError('error.noAccount', { username });
  if (account.username === actor.username) throw new ConflictError('error.cannotRemoveOwnAccount');
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
  const issues: FieldIssue[] = [];
  if (!existing && !input.password) issues.push({ field: 'password', key: 'reason.passwordRequiredForNewAccount' });
  if (input.role === 'unit' && !(input.unitId && (await getUnit(deps, input.unitId))))
    issues.push({ field: 'unitId', key: 'reason.validUnitRequired' });
  if (input.role === 'board' && !(input.boardId && (await getBoard(deps, input.boardId))))
    issues.push({ field: 'boardId', key: 'reason.validBoardRequired' });
  if (issues.length) throw new ValidationError(issues);
  const account: Account = {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId: input.role === 'unit' ? input.unitId : undefined,
    boardId: input.role === 'board' ? input.boardId : undefined,
    boardRoles: input.role === 'board' ? (input.boardRoles?.length ? input.boardRoles : [...BOARD_ROLES]) : undefined,
    passwordHash: input.password ? await hashPassword(input.password) : existing!.passwordHash,
    // An edit keeps a deactivation: only reactivating the account lifts it (account-admin.ts).
    ...(existing?.deactivatedAt ? { deactivatedAt: existing.deactivatedAt } : {}),
    ...notificationFields(existing, input),
  };
  await putAccount(deps, account);
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

/** A unit, a board, if they exist; the display names of units (one round trip). */
export const findUnit = (deps: Deps, unitId: string): Promise<Unit | undefined> => getUnit(deps, unitId);
export const findBoard = (deps: Deps, boardId: string): Promise<Board | undefined> => getBoard(deps, boardId);
export const unitNamesOf = (deps: Deps, unitIds: string[]): Promise<Map<string, string>> => unitNameMap(deps, unitIds);

export async function requireUnit(deps: Deps, unitId: string) {
  const unit = await getUnit(deps, unitId);
  if (!unit) throw new NotFoundError('error.unitNotFound', { unitId });
  return unit;
}

export { ORG_INDEX };
