import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take a minute or more start first, one per worker, so the two workers end
 * together: on a fresh clone vitest has no durations cached and would start the largest files
 * first, which left the bench smoke test (a small file, about a minute) running alone at the end.
 */
export const SLOW_FIRST = [
  'test/integration/model-import.test.ts',
  'test/integration/bench-smoke.test.ts',
  'test/integration/npm-start.test.ts',
  'test/integration/import-restart.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const i = SLOW_FIRST.indexOf(relative(this.ctx.config.root, file.moduleId));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: the others keep the order vitest gave them.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
