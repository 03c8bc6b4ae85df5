import { join } from 'node:path';
import { bundleFunction, handlerEntry, handlerNames } from './bundle.ts';

/**
 * `tsx infra/bundling/bundle-cli.ts <outRoot>`: every functions/<name>-handler.ts bundled into
 * `<outRoot>/<name>/`, the builds side by side (esbuild runs them in parallel). Run once per
 * synth by infra/constructs/app-function.ts: a process of its own because CDK's local bundling
 * is synchronous and esbuild's plugins need its asynchronous API.
 */
const [outRoot] = process.argv.slice(2);
if (!outRoot) {
  console.error('usage: bundle-cli.ts <outRoot>');
  process.exit(2);
}
await Promise.all(handlerNames().map((name) => bundleFunction(handlerEntry(name), join(outRoot, name))));
