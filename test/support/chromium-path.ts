import { existsSync } from 'node:fs';

/** Debian's Chromium, where the machine has it. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser the e2e tests drive, never a downloaded one: CHROMIUM_PATH if set; else Debian's
 * /usr/bin/chromium where present (unless E2E_BROWSER=bundled); else the Chromium that
 * `npm install` brought inside the @sparticuz/chromium tarball, unpacked once to /tmp/chromium
 * (about 2 s). Its libraries (NSS, NSPR, expat) are those the Java runtime already needs.
 */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; source: string }> {
  if (env.CHROMIUM_PATH) return { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  if (env.E2E_BROWSER !== 'bundled' && existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  const { default: bundled } = await import('@sparticuz/chromium');
  return { path: await bundled.executablePath(), source: '@sparticuz/chromium' };
}
