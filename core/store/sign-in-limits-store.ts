import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '../deps.ts';
import * as z from 'zod';
import { TooManyRequestsError } from '../errors.ts';
import { parseItem } from './items.ts';

/**
 * At most LIMITS failed sign-ins in any 15 minutes (a sliding window: every failure counts
 * for 15 minutes from the moment it happened, so no window boundary lets more through).
 */
export const WINDOW_SECONDS = 15 * 60;
/** An account locks after 5 failures; an address (shared by an office behind NAT) after 20. */
export const LIMITS = { USER: 5, IP: 20 } as const;
export type Subject = { kind: keyof typeof LIMITS; id: string };

type LimitDeps = Pick<Deps, 'db' | 'tableName' | 'now'>;
/** One sign-in attempt, counted before its password is checked; `at` in seconds. */
type Attempt = { id: string; at: number };
type AttemptsItem = { attempts: Attempt[]; version: number };
const AttemptsRecord = z.object({
  attempts: z.array(z.object({ id: z.string(), at: z.number() })).default([]),
  version: z.number().default(0),
}) satisfies z.ZodType<AttemptsItem, unknown>;

const seconds = (deps: LimitDeps) => Math.floor(deps.now().getTime() / 1000);
const attemptsKey = (s: Subject) => ({ pk: `SIGNIN#ATTEMPTS#${s.kind}#${s.id}`, sk: 'META' });
/** Optimistic writes that lose this often in a row give up: the attempt is refused, never let through. */
const MAX_WRITE_ROUNDS = 40;

/** The lockout's message: its params say how long it lasts. */
const locked = (retryAfterSeconds: number) =>
  new TooManyRequestsError('error.tooManySignIns', retryAfterSeconds, { minutes: Math.round(WINDOW_SECONDS / 60) });

async function readAttempts(deps: LimitDeps, subject: Subject): Promise<AttemptsItem> {
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: attemptsKey(subject), ConsistentRead: true }));
  return Item ? parseItem(AttemptsRecord, Item) : { attempts: [], version: 0 };
}

/** Writes the list if nobody wrote since `version` was read; false when someone did. */
async function writeAttempts(deps: LimitDeps, subject: Subject, attempts: Attempt[], version: number): Promise<boolean> {
  const newest = attempts.reduce((max, a) => Math.max(max, a.at), seconds(deps));
  try {
    await deps.db.send(
      new PutCommand({
        TableName: deps.tableName,
        Item: { ...attemptsKey(subject), type: 'SIGNIN_ATTEMPTS', attempts, version: version + 1, expiresAt: newest + WINDOW_SECONDS },
        ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
        ExpressionAttributeValues: version === 0 ? undefined : { ':version': version },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Read, change, write back unless someone wrote meanwhile (then again). */
async function updateAttempts(
  deps: LimitDeps,
  subject: Subject,
  change: (recent: Attempt[], now: number) => Attempt[] | TooManyRequestsError,
): Promise<void> {
  for (let round = 0; round < MAX_WRITE_ROUNDS; round++) {
    const { attempts, version } = await readAttempts(deps, subject);
    const now = seconds(deps);
    const changed = change(
      attempts.filter((a) => a.at > now - WINDOW_SECONDS),
      now,
    );
    if (changed instanceof TooManyRequestsError) throw changed;
    if (await writeAttempts(deps, subject, changed, version)) return;
  }
  throw locked(60);
}

/**
 * Counts one attempt against every subject before the password is checked, atomically: of
 * any number of parallel attempts at most the limit get through. A subject already at its
 * limit refuses (429, Retry-After until its oldest failure leaves the window).
 */
export async function reserveAttempt(deps: LimitDeps, subjects: Subject[], attemptId: string): Promise<void> {
  const reserved: Subject[] = [];
  try {
    for (const subject of subjects) {
      await updateAttempts(deps, subject, (recent, now) => {
        if (recent.length < LIMITS[subject.kind]) return [...recent, { id: attemptId, at: now }];
        const oldest = Math.min(...recent.map((a) => a.at));
        return locked(Math.max(1, oldest + WINDOW_SECONDS - now));
      });
      reserved.push(subject);
    }
  } catch (error) {
    // Refused by a later subject: this attempt checks no password, so it counts nowhere.
    for (const subject of reserved) await releaseAttempt(deps, subject, attemptId);
    throw error;
  }
}

/** The attempt succeeded: it is not a failure of this subject. */
export async function releaseAttempt(deps: LimitDeps, subject: Subject, attemptId: string): Promise<void> {
  await updateAttempts(deps, subject, (recent) => recent.filter((a) => a.id !== attemptId));
}

/** A correct password clears the account's failures (the address keeps its other attempts). */
export async function clearAttempts(deps: LimitDeps, subject: Subject): Promise<void> {
  await updateAttempts(deps, subject, () => []);
}
