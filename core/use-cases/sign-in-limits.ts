import type { Deps } from '../deps.ts';
import { clearAttempts, releaseAttempt, reserveAttempt, type Subject } from '../store/sign-in-limits-store.ts';

/** Who a sign-in attempt is counted against: the account, or the client's address. */
export type SignInSubject = Subject;

type LimitDeps = Pick<Deps, 'db' | 'tableName' | 'now'>;

/** Counts an attempt against every subject before its password is checked; TooManyRequestsError when one is locked. */
export const reserveSignInAttempt = (deps: LimitDeps, subjects: SignInSubject[], attemptId: string): Promise<void> =>
  reserveAttempt(deps, subjects, attemptId);

/** The attempt succeeded: it is not a failure of this subject. */
export const releaseSignInAttempt = (deps: LimitDeps, subject: SignInSubject, attemptId: string): Promise<void> =>
  releaseAttempt(deps, subject, attemptId);

/** A correct password clears the account's failures (the address keeps its other attempts). */
export const clearSignInAttempts = (deps: LimitDeps, subject: SignInSubject): Promise<void> => clearAttempts(deps, subject);
