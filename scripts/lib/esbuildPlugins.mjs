// The esbuild plugins of the extension's build (esbuild.mjs), apart so that tests can build with them too.
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

/** In the extension's bundle, each SDK piece's `load()` requires dist/awsSdk.js on first use. */
export const sdkApart = {
  name: 'aws-sdk-apart',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/].*[\\/]sdk\.ts$/ }, (args) => ({
      contents: `exports.load = () => require('./awsSdk.js')[${JSON.stringify(pieceKey(args.path))}].load();`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/awsSdk\.js$/ }, () => ({ path: './awsSdk.js', external: true }));
  },
};

/** The entry of dist/awsSdk.js: every SDK piece under its key. */
export const awsSdkEntry = {
  contents: sdkPieces.map((file) => `exports[${JSON.stringify(pieceKey(file))}] = require(${JSON.stringify(file)});`).join('\n'),
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
