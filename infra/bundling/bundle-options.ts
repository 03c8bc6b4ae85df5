import { repoPath } from '../paths.ts';

// What bundle.ts changes in the code it bundles for Lambda: the banner and the aliases.

// ESM bundles have no `require`: a bundled CommonJS dependency that requires a Node
// built-in would throw "Dynamic require of ... is not supported" without this.
export const REQUIRE_BANNER =
  "import { createRequire as __appCreateRequire } from 'node:module'; const require = __appCreateRequire(import.meta.url);";

/**
 * Built-ins loaded with process.getBuiltinModule (builtins/*.cjs) instead of an ESM import. An ESM import of a built-in
 * reads every one of its exports to make the module's namespace, and with it each lazy
 * getter: `node:http`'s WebSocket and friends load undici, web streams, http2 and
 * worker_threads (measured with Node 24: import 20.5 ms, require 2.5 ms); `node:process`,
 * `node:fs` and `node:util` cost 2–4 ms each the same way. Longer keys win, so
 * `fs/promises` needs its own entry beside `fs`.
 */
const CJS_BUILTINS = { http: 'http', fs: 'fs', 'fs/promises': 'fs-promises', process: 'process', util: 'util' };

/** esbuild `alias`: import path -> absolute path of the module bundled in its place. */
export function bundleAliases(): Record<string, string> {
  const aliases: Record<string, string> = {
    '@aws-sdk/credential-provider-node': repoPath('infra/bundling/lambda-credentials.ts'),
  };
  for (const [builtin, file] of Object.entries(CJS_BUILTINS)) {
    const shim = repoPath(`infra/bundling/builtins/${file}.cjs`);
    aliases[builtin] = shim;
    aliases[`node:${builtin}`] = shim;
  }
  return aliases;
}
