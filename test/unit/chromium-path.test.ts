import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveChromium, SYSTEM_CHROMIUM } from '../support/chromium-path.ts';

describe('the browser the e2e tests drive', () => {
  it('takes CHROMIUM_PATH first', async () => {
    expect(await resolveChromium({ CHROMIUM_PATH: '/opt/chrome' })).toEqual({ path: '/opt/chrome', source: 'CHROMIUM_PATH' });
  });

  it.runIf(existsSync(SYSTEM_CHROMIUM))('takes Debian’s Chromium where present', async () => {
    expect(await resolveChromium({})).toEqual({ path: SYSTEM_CHROMIUM, source: 'system' });
  });

  it('else (or with E2E_BROWSER=bundled) the one npm install brought, unpacked, never downloaded', async () => {
    const bundled = await resolveChromium({ E2E_BROWSER: 'bundled' });
    expect(bundled.source).toBe('@sparticuz/chromium');
    expect(existsSync(bundled.path)).toBe(true);
  });
});
