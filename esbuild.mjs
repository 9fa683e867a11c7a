// Bundles the extension the way microsoft/vscode-extension-samples/esbuild-sample does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

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

/**
 * The SDK pieces: every `sdk.ts` under src/core (the credential providers, and one per service folder) exports a
 * `load()` that requires its AWS SDK package. The extension keeps them all out of dist/extension.js: they are bundled
 * together into dist/awsSdk.js, and each piece's `load()` in the extension requires that bundle on first use, so
 * activation compiles only the extension's own code. A new service's `sdk.ts` is found here by itself.
 */
const sdkPieces = fs.readdirSync('src/core', { recursive: true })
  .filter((file) => path.basename(file) === 'sdk.ts')
  .map((file) => path.join('src/core', file))
  .sort();
const pieceKey = (file) => path.relative('src/core', path.dirname(file)).split(path.sep).join('/');

const sdkApart = {
  name: 'aws-sdk-apart',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/].*[\\/]sdk\.ts$/ }, (args) => ({
      contents: `exports.load = () => require('./awsSdk.js')[${JSON.stringify(pieceKey(path.relative(process.cwd(), args.path)))}].load();`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/awsSdk\.js$/ }, () => ({ path: './awsSdk.js', external: true }));
  },
};

/** The SDK's partition data (regions and their names), which @aws-sdk/core uses but does not export: bundled as is. */
const partitionData = {
  name: 'aws-sdk-partitions',
  setup(build) {
    build.onResolve({ filter: /^aws-sdk-partitions$/ }, () => ({
      path: path.resolve('node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    }));
  },
};

const awsSdkEntry = {
  contents: sdkPieces.map((file) => `exports[${JSON.stringify(pieceKey(file))}] = require(${JSON.stringify(`./${file.split(path.sep).join('/')}`)});`).join('\n'),
  resolveDir: process.cwd(),
  sourcefile: 'awsSdk.js',
  loader: 'js',
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
