import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import { TooManyRequestsError } from '../errors.ts';

/** Failures are counted per 15-minute window; past the limit the subject is locked for 15 minutes. */
export const WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;
/** An account locks after 5 failures; an address (shared by an office behind NAT) after 20. */
export const LIMITS = { USER: 5, IP: 20 } as const;
export type Subject = { kind: keyof typeof LIMITS; id: string };

type LimitDeps = Pick<Deps, 'db' | 'tableName' | 'now'>;
const seconds = (deps: LimitDeps) => Math.floor(deps.now().getTime() / 1000);
const lockKey = (s: Subject) => ({ pk: `SIGNIN#LOCK#${s.kind}#${s.id}`, sk: 'META' });
const failKey = (s: Subject, window: number) => ({ pk: `SIGNIN#FAIL#${s.kind}#${s.id}`, sk: `WINDOW#${window}` });

export const LOCKED_MESSAGE = 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút / too many failed sign-ins: try again in 15 minutes';

/** Throws TooManyRequestsError while any of the subjects is locked (checked before the password). */
export async function assertNotLocked(deps: LimitDeps, subjects: Subject[]): Promise<void> {
  const now = seconds(deps);
  for (const subject of subjects) {
    const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: lockKey(subject), ConsistentRead: true }));
    const until = (Item?.lockedUntil as number | undefined) ?? 0;
    if (until > now) throw new TooManyRequestsError(LOCKED_MESSAGE, until - now);
  }
}

/** Counts a failure (atomically, so parallel guesses count too); locks a subject at its limit. */
export async function recordFailure(deps: LimitDeps, subjects: Subject[]): Promise<void> {
  const now = seconds(deps);
  const window = Math.floor(now / WINDOW_SECONDS);
  for (const subject of subjects) {
    const { Attributes } = await deps.db.send(new UpdateCommand({
      TableName: deps.tableName,
      Key: failKey(subject, window),
      UpdateExpression: 'ADD failures :one SET expiresAt = :expires',
      ExpressionAttributeValues: { ':one': 1, ':expires': (window + 2) * WINDOW_SECONDS },
      ReturnValues: 'UPDATED_NEW',
    }));
    if (((Attributes?.failures as number | undefined) ?? 0) >= LIMITS[subject.kind]) {
      await deps.db.send(new PutCommand({
        TableName: deps.tableName,
        Item: { ...lockKey(subject), type: 'SIGNIN_LOCK', lockedUntil: now + LOCK_SECONDS, expiresAt: now + LOCK_SECONDS },
      }));
    }
  }
}

/** A successful sign-in clears the account's failures of the current window. */
export async function clearFailures(deps: LimitDeps, subject: Subject): Promise<void> {
  await deps.db.send(new DeleteCommand({ TableName: deps.tableName, Key: failKey(subject, Math.floor(seconds(deps) / WINDOW_SECONDS)) }));
}
