import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root. */
export const root = path.resolve(__dirname, '../..');
/** The Node 24 of the `node` dev dependency: the machine's own node may be older. */
export const nodeBinary = path.join(root, 'node_modules', '.bin', 'node');

let cliBundle: Promise<string> | undefined;

/**
 * The `paged-aws-export` command line bundled the way it ships (esbuild: the executable and its bundle), built once per test process, so
 * tests can run it as a separate process that can be interrupted and killed.
 */
export function builtCli(): Promise<string> {
  cliBundle ??= (async () => {
    const esbuild = await import('esbuild');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-cli-bundle-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const { bundles } = await import(path.join(root, 'scripts/lib/esbuildConfig.mjs')) as { bundles: () => import('esbuild').BuildOptions[] };
    // The bundles of `npm run build` the command line is made of, written here instead of dist/.
    for (const options of bundles().filter((bundle) => bundle.outfile !== 'dist/extension.js')) {
      await esbuild.build({ ...options, outfile: path.join(dir, path.basename(options.outfile!)) });
    }
    const outfile = path.join(dir, 'cli.js');
    // Some tests run it as an unprivileged user.
    fs.chmodSync(dir, 0o755);
    return outfile;
  })();
  return cliBundle;
}

export interface ProcessRun {
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; `onSpawn` gets the child (to kill it). */
export function runProcess(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; onSpawn?: (child: ChildProcess) => void } = {}): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ pid: child.pid, code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}
