import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../functions/shared/observability.ts';
import { newToken } from '../local/sfn/tokens.ts';
import { logError, redactText } from './redact.ts';

const token = newToken(
  'arn:aws:states:ap-southeast-1:000000000000:execution:model-lifecycle:m1-2026',
  'AwaitRegistrationReview#abc#1',
).token;
const awsToken = `AQB4AAAAKgAAAAMAAAAA${'x'.repeat(400)}`;
const hash = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=';

afterEach(() => vi.restoreAllMocks());

describe('no secrets in logs', () => {
  it('removes task tokens, cookies and password hashes from text', () => {
    const out = redactText(`token ${token} aws ${awsToken} cookie: dvk_session=abc.def; dvk_csrf=xyz hash ${hash}`);
    for (const secret of [token, awsToken, 'abc.def', 'xyz', hash]) expect(out).not.toContain(secret);
    expect(out).toContain('dvk_session=[redacted]');
  });

  it('logError prints the error but not the token in its message, cause or fields', () => {
    const printed: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const error = Object.assign(
      new Error(`Task timed out: ${token}`, { cause: { taskToken: 'short-token', input: { password: 'Demo@2026' } } }),
      { Item: { token } },
    );
    logError('[local-sfn]', error);
    expect(printed.join('\n')).toContain('Task timed out: [redacted]');
    for (const secret of [token, 'short-token', 'Demo@2026']) expect(printed.join('\n')).not.toContain(secret);
  });

  it('the Powertools logger of the functions writes no token, password or cookie', () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    logger.error('task failed', {
      error: new Error(`invalid token ${token}`),
      event: { taskToken: 'tt-1', password: 'Demo@2026', headers: { cookie: 'dvk_session=s' } },
    });
    const out = lines.join('');
    expect(out).toContain('task failed');
    for (const secret of [token, 'tt-1', 'Demo@2026', 'dvk_session=s']) expect(out).not.toContain(secret);
  });
});
