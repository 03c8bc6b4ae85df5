import { readdirSync } from 'node:fs';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { repoPath } from '../paths.ts';
import { builtinsWithoutEsmImport, bundleAliases, REQUIRE_BANNER } from './bundle-options.ts';

/**
 * One Lambda function's bundle, made by the local esbuild: infra/constructs/app-function.ts
 * runs it at synth (through bundle-cli.ts), bench/bundles.ts and the tests call it, so what
 * is measured is what deploys. Output: `<outdir>/index.mjs` (ESM, Node 24, minified, with a
 * source map) and, for the code the handler only imports when a request needs it (the
 * spreadsheet, Word and PDF documents), chunks beside it that load on first use instead of at
 * every cold start.
 */
/** The Lambda handlers: every functions/<name>-handler.ts, by name, sorted. */
export function handlerNames(): string[] {
  return readdirSync(repoPath('functions'))
    .filter((file) => file.endsWith('-handler.ts'))
    .map((file) => file.replace(/-handler\.ts$/, ''))
    .sort();
}

/** The entry file of a handler. */
export const handlerEntry = (name: string): string => repoPath(`functions/${name}-handler.ts`);

export async function bundleFunction(entry: string, outdir: string, external: readonly string[] = []): Promise<BundleSize> {
  const { metafile } = await build({ ...bundleOptions(entry, outdir, external), metafile: true });
  return bundleSize(metafile);
}

/** Bytes read at init (index.mjs and the chunks it imports statically) and bytes loaded only on demand. */
export interface BundleSize {
  readonly initBytes: number;
  readonly lazyBytes: number;
}

function bundleSize(metafile: Metafile): BundleSize {
  const outputs = metafile.outputs;
  const code = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  const atInit = new Set<string>();
  const visit = (file: string) => {
    if (atInit.has(file)) return;
    atInit.add(file);
    for (const imported of outputs[file]!.imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(code.find((file) => /(^|\/)index\.mjs$/.test(file))!);
  const sum = (files: string[]) => files.reduce((total, file) => total + outputs[file]!.bytes, 0);
  return { initBytes: sum([...atInit]), lazyBytes: sum(code.filter((file) => !atInit.has(file))) };
}

export function bundleOptions(entry: string, outdir: string, external: readonly string[] = []): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Dynamic import() becomes a chunk of its own, loaded when called: not bytes to read and
    // code to run at init for the requests that never reach it. Chunks sit beside index.mjs:
    // modules find the files copied there through import.meta.url (fonts, the unit list, Chart.js).
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    // UTF-8 text as it is: escaped as \uXXXX (esbuild's default), each Vietnamese letter with a
    // diacritic takes 6 bytes instead of 2 or 3 (21 KiB of the web function's strings).
    charset: 'utf8',
    // No keepNames: it wraps every function and class in a naming call, 6% of the bytes to
    // read and calls to run at each cold start. Nothing here reads a bundled function's name
    // (errors carry their `name` as a field); stack traces map through the shipped source maps.
    keepNames: false,
    sourcemap: true,
    sourcesContent: false,
    tsconfig: repoPath('tsconfig.json'),
    banner: { js: REQUIRE_BANNER },
    alias: bundleAliases(),
    // The SDK is bundled too (nothing is external by default): the pinned version from
    // package-lock.json runs on AWS exactly as it does locally.
    external: [...external],
    plugins: [zodTrimmed, builtinsWithoutEsmImport],
    logLevel: 'warning',
  };
}

/** zod's modules the bundles replace, by the path its own modules import them with, and the folder importing it. */
const ZOD_REPLACED: ReadonlyArray<{ path: string; from: RegExp; by: string }> = [
  // `import { z } from 'zod'` hands the whole namespace to @hono/zod-openapi
  // (`extendZodWithOpenApi(z)`), so esbuild keeps every export of it, `z.locales` with the
  // messages of 63 languages among them (260 KiB of the web bundle). Nothing here calls
  // `z.config(z.locales.xx())`: zod's own English default is imported by its schemas directly.
  { path: '../locales/index.js', from: /[\\/]zod[\\/]v4[\\/](core|classic|mini)$/, by: 'infra/bundling/zod/locales.ts' },
  // Kept by the same namespace, never called: z.compile (32 KiB) and z.fromJSONSchema (12 KiB).
  { path: './compile.js', from: /[\\/]zod[\\/]v4[\\/]core$/, by: 'infra/bundling/zod/compile.ts' },
  { path: './from-json-schema.js', from: /[\\/]zod[\\/]v4[\\/]classic$/, by: 'infra/bundling/zod/from-json-schema.ts' },
];

const zodTrimmed: Plugin = {
  name: 'zod-trimmed',
  setup(builder) {
    // The filter runs in esbuild itself: only these paths reach the callback.
    const filter = new RegExp(`^(${ZOD_REPLACED.map((r) => r.path.replace(/[./]/g, '\\$&')).join('|')})$`);
    builder.onResolve({ filter }, (args) => {
      const replaced = ZOD_REPLACED.find((r) => r.path === args.path && r.from.test(args.resolveDir));
      return replaced && /[\\/]node_modules[\\/]/.test(args.resolveDir) ? { path: repoPath(replaced.by) } : undefined;
    });
  },
};
