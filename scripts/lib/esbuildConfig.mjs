// How the extension, its SDK bundle and the CLI are built (esbuild.mjs runs it); tests build with the same options.
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * The SDK pieces: every `sdk.ts` under src/core (the credential providers, and one per service folder) exports a
 * `load()` that requires its AWS SDK package. The extension keeps them all out of dist/extension.js: they are bundled
 * together into dist/awsSdk.js, and each piece's `load()` in the extension requires that bundle on first use, so
 * activation compiles only the extension's own code. A new service's `sdk.ts` is found here by itself.
 */
const core = path.join(root, 'src', 'core');
const sdkPieces = fs.readdirSync(core, { recursive: true })
  .filter((file) => path.basename(file) === 'sdk.ts')
  .map((file) => path.join(core, file))
  .sort();
const pieceKey = (file) => path.relative(core, path.dirname(file)).split(path.sep).join('/');

/** In the extension's and the CLI's bundles, each SDK piece's `load()` requires dist/awsSdk.js on first use. */
export const sdkApart = {
  name: 'aws-sdk-apart',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/].*[\\/]sdk\.ts$/ }, (args) => ({
      contents: `exports.load = () => require('./awsSdk.js').pieces[${JSON.stringify(pieceKey(args.path))}].load();`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/awsSdk\.js$/ }, () => ({ path: './awsSdk.js', external: true }));
  },
};

/**
 * The entry of dist/awsSdk.js: every SDK piece under its key. Imported as ES modules, so that esbuild bundles only the
 * parts of the SDK the pieces name (a `require`d module would bring its package whole); the bundle is initialized
 * when first required, on the first request.
 */
export const awsSdkEntry = {
  contents: [
    ...sdkPieces.map((file, i) => `import * as piece${i} from ${JSON.stringify(file)};`),
    `export const pieces = { ${sdkPieces.map((file, i) => `${JSON.stringify(pieceKey(file))}: piece${i}`).join(', ')} };`,
  ].join('\n'),
  resolveDir: root,
  sourcefile: 'awsSdk.js',
  loader: 'js',
};

/** The SDK's partition data (regions and their names), which @aws-sdk/core uses but does not export: bundled as is. */
export const partitionData = {
  name: 'aws-sdk-partitions',
  setup(build) {
    build.onResolve({ filter: /^aws-sdk-partitions$/ }, () => ({
      path: path.join(root, 'node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    }));
  },
};

/**
 * What every bundle takes of the AWS SDK: its ES modules (`module`), which declare no side effects, so that only the
 * parts an SDK piece names are bundled.
 */
export const sdkTreeShaking = { mainFields: ['module', 'main'] };

/** Every bundle of `npm run build`, as esbuild options. */
export function bundles({ production = false } = {}) {
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    absWorkingDir: root,
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
  return [
    { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [sdkApart, partitionData] },
    { ...common, ...sdkTreeShaking, stdin: awsSdkEntry, outfile: 'dist/awsSdk.js' },
    // The `paged-aws-export` command line (package.json "bin"; not shipped in the VSIX): a small executable that turns
    // on Node's compile cache, then loads the bundle, which loads dist/awsSdk.js (the same as the extension's) on
    // first use.
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', plugins: [sdkApart] },
    { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', external: ['./cliMain.js'], banner: { js: '#!/usr/bin/env node' } },
  ];
}
