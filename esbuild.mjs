// Bundles the extension the way microsoft/vscode-extension-samples/esbuild-sample does.
import * as esbuild from 'esbuild';
import { awsSdkEntry, partitionData, sdkApart } from './scripts/lib/esbuildPlugins.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  external: ['vscode'],
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [sdkApart, partitionData] },
  { ...common, stdin: awsSdkEntry, outfile: 'dist/awsSdk.js' },
  // The `paged-aws-export` command line (package.json "bin"; not shipped in the VSIX): a small executable that turns on
  // Node's compile cache, then loads the bundle.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js' },
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', external: ['./cliMain.js'], banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const options of builds) {
    await (await esbuild.context(options)).watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
