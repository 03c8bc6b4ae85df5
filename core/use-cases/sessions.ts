import type { Deps } from '../deps.ts';
import { deleteSession, deleteSessionsOf, getSession, putSession, touchSession, type StoredSession } from '../store/session-store.ts';

/** A signed-in session, kept server-side so it can be ended (the cookie only names it). */
export type Session = StoredSession;

type Db = Pick<Deps, 'db' | 'tableName'>;

/** Keeps a new session. */
export const openSession = (deps: Db, session: Session): Promise<void> => putSession(deps, session);

/** The session a cookie names, if it is still kept (its age and idleness are the caller's to check). */
export const findSession = (deps: Db, username: string, sid: string): Promise<Session | undefined> => getSession(deps, username, sid);

/** Records that the session was seen at `seen` (seconds): its idle time starts again. False if it is gone. */
export const markSessionSeen = (deps: Db, username: string, sid: string, seen: number): Promise<boolean> =>
  touchSession(deps, username, sid, seen);

/** Ends one session (sign-out). */
export const closeSession = (deps: Db, username: string, sid: string): Promise<void> => deleteSession(deps, username, sid);

/** Ends every session of an account; the number ended. */
export const closeSessionsOf = (deps: Db, username: string): Promise<number> => deleteSessionsOf(deps, username);
