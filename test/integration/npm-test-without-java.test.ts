import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm test on a machine without Java', () => {
  it('stops at once with npm start’s message and install command, not a stack trace', () => {
    // vitest itself, as `npm test` runs it, with no java on the PATH (node is process.execPath).
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/unit/search-text.test.ts'], {
      env: { ...process.env, PATH: '/nonexistent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(3);
    expect(output).toMatch(/Java not found[\s\S]*apt-get install -y default-jre-headless/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
