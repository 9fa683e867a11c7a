// The `paged-aws-export` executable (dist/cli.js): a few lines that turn on Node's on-disk compile cache, then load
// the command line's bundle (dist/cliMain.js). Compiling that bundle took ~20 ms of every start; with the cache
// (Node >= 22.1, kept in the system's temporary directory) later starts skip it. On an older Node it does nothing.
import * as nodeModule from 'node:module';

(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('./cliMain.js') as typeof import('./main')).run();
