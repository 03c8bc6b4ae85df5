import { bundleFunction } from './bundle.ts';

/**
 * `tsx infra/bundling/bundle-cli.ts <entry> <outdir> [external...]`: the bundling command of
 * infra/constructs/app-function.ts. A process of its own because CDK's local bundling is
 * synchronous and esbuild's plugins need its asynchronous API.
 */
const [entry, outdir, ...external] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: bundle-cli.ts <entry> <outdir> [external...]');
  process.exit(2);
}
await bundleFunction(entry, outdir, external);
