import { randomBytes } from 'node:crypto';

/** A task token names its execution and task and carries a nonce checked against the store. */
export type TokenParts = { executionArn: string; taskKey: string; nonce: string };

export function newToken(executionArn: string, taskKey: string): { token: string; nonce: string } {
  const nonce = randomBytes(12).toString('base64url');
  return { token: Buffer.from(JSON.stringify([executionArn, taskKey, nonce])).toString('base64url'), nonce };
}

export function parseToken(token: unknown): TokenParts | undefined {
  if (typeof token !== 'string' || token.length === 0 || token.length > 1024) return undefined;
  try {
    const parts: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string')) return undefined;
    const [executionArn, taskKey, nonce] = parts as [string, string, string];
    return { executionArn, taskKey, nonce };
  } catch {
    return undefined;
  }
}
