import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Idempotency-Key of the request being served (with its user), set by the web edge for
 * the request's whole async call tree. Use cases that create or decide record it, so when a
 * request whose first attempt died is run again, they find what that attempt wrote and answer
 * it, instead of creating a second one or refusing a decision already taken.
 */
export type RequestKey = { username: string; key: string };

const current = new AsyncLocalStorage<RequestKey>();

export function withRequestKey<T>(requestKey: RequestKey, run: () => Promise<T>): Promise<T> {
  return current.run(requestKey, run);
}

/** The key as stored beside what a request wrote (usernames hold no '#'). */
export function currentRequestKey(): string | undefined {
  const key = current.getStore();
  return key ? `${key.username}#${key.key}` : undefined;
}
