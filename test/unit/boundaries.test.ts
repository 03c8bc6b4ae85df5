import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, "typed at every boundary": core/store is the only place that knows DynamoDB. Use
 * cases call store functions (and the workflow engine module), never the SDK; the web layer
 * reaches data only through use cases; every item read is parsed, never cast.
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** Lines of `file` matching `pattern`, as `file:line: text`. */
function offending(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );
}

/** Value (not `import type`) imports of core/store in `text`, including multi-line ones. */
const storeValueImports = (text: string): string[] =>
  (text.match(/^import\s+(?!type\s)[^;]*?from\s+'[^']*core\/store\/[^']*';/gms) ?? []).map((s) => s.replace(/\s+/g, ' '));

describe('boundaries', () => {
  it('web/platform (sessions, CSRF, guards, errors) imports no page, form or feature of web/', () => {
    const features =
      /from '\.\.\/(ui|administration|appraisal|catalogue|models|registration|review|session|statistics)\/|from '\.\.\/routes\.ts'/;
    expect(offending(sources('web/platform'), features)).toEqual([]);
  });

  it('web/ is grouped by feature: no flat pages folder, one catalogue-routes.ts', () => {
    const web = sources('web');
    expect(web.filter((f) => f.startsWith('web/pages/'))).toEqual([]);
    expect(web.filter((f) => f.endsWith('catalogue-routes.ts'))).toEqual(['web/catalogue/catalogue-routes.ts']);
  });

  it('use cases never import the AWS SDK', () => {
    expect(offending(sources('core/use-cases'), /from '@aws-sdk\//)).toEqual([]);
  });

  it('use cases build no DynamoDB expression and catch no DynamoDB error by name', () => {
    expect(offending(sources('core/use-cases'), /Expression|ConditionalCheckFailed|TransactionCanceled|TransactWrite/)).toEqual([]);
  });

  it('use cases reach the table only through store functions (no deps.db, no deps.sfn)', () => {
    expect(offending(sources('core/use-cases'), /deps\.(db|sfn)\b/)).toEqual([]);
  });

  it('web/ has no value import from core/store', () => {
    const files = readdirSync(join(root, 'web'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => relative(root, join(entry.parentPath, entry.name)));
    expect(files.flatMap((file) => storeValueImports(read(file)).map((statement) => `${file}: ${statement}`))).toEqual([]);
  });

  it('core/store parses what it reads: no `as unknown as`', () => {
    expect(offending(sources('core/store'), /as unknown as/)).toEqual([]);
  });

  it('the checks see the files they guard', () => {
    expect(sources('core/use-cases')).toContain('core/use-cases/complete-task.ts');
    expect(sources('core/store')).toContain('core/store/model-store.ts');
    const sample = [
      "import type { Board } from '../../core/store/org-store.ts';",
      "import {\n  getUnit,\n  type Unit,\n} from '../../core/store/org-store.ts';",
      "import { findUnit } from '../../core/use-cases/organisation.ts';",
    ].join('\n');
    expect(storeValueImports(sample)).toEqual(["import { getUnit, type Unit, } from '../../core/store/org-store.ts';"]);
  });
});
