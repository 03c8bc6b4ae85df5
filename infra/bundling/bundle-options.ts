import { builtinModules } from 'node:module';
import type { Plugin } from 'esbuild';
import { repoPath } from '../paths.ts';

// What bundle.ts changes in the code it bundles for Lambda: the banner, the aliases and the built-ins.

// ESM bundles have no `require`: a bundled CommonJS dependency that requires a Node
// built-in would throw "Dynamic require of ... is not supported" without this. `node:module`
// is taken with getBuiltinModule, not imported, for the reason below (its namespace's
// SourceMap getter loads Node's source-map support).
export const REQUIRE_BANNER = "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);";

/** esbuild `alias`: import path -> absolute path of the module bundled in its place. */
export function bundleAliases(): Record<string, string> {
  return { '@aws-sdk/credential-provider-node': repoPath('infra/bundling/lambda-credentials.ts') };
}

/** Every Node built-in, `node:`-prefixed or not (`fs/promises` and `stream/web` included). */
const BUILTIN = new RegExp(`^(node:)?(${builtinModules.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);

/**
 * Every built-in is loaded with process.getBuiltinModule instead of an ESM import. An ESM
 * import of a built-in reads every one of its exports to make the module's namespace, and with
 * it each lazy getter: `node:http`'s WebSocket and friends load undici, web streams, http2 and
 * worker_threads (measured with Node 24: import 20.5 ms, getBuiltinModule 2.5 ms); `node:crypto`'s
 * `webcrypto`, `node:process`, `node:fs` and `node:util` cost milliseconds each the same way (the
 * SDK's six built-ins: 23 ms imported, 13 ms taken). The module stands in as CommonJS, so
 * esbuild reads a named import (`import { request } from 'node:http'`) when the code runs it.
 */
export const builtinsWithoutEsmImport: Plugin = {
  name: 'builtins-without-esm-import',
  setup(builder) {
    builder.onResolve({ filter: BUILTIN }, (args) => ({ path: args.path.replace(/^node:/, ''), namespace: 'node-builtin' }));
    builder.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({
      contents: `module.exports = process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};
