// Bundles the extension the way microsoft/vscode-extension-samples/esbuild-sample does; the bundles are described in
// scripts/lib/esbuildConfig.mjs.
import * as esbuild from 'esbuild';
import { bundles } from './scripts/lib/esbuildConfig.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

if (watch) {
  for (const options of bundles({ production })) {
    await (await esbuild.context(options)).watch();
  }
} else {
  await Promise.all(bundles({ production }).map((options) => esbuild.build(options)));
}
