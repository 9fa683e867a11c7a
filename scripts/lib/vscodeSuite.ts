import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { npmEnv } from './node24';
import { repoRoot } from './paths';

/** Where the compiled in-extension-host suite and the runner extension go (git-ignored). */
export const vscodeTestOut = path.join(repoRoot, 'out', 'vscode-test');
export const suiteIndex = path.join(vscodeTestOut, 'suite', 'index.js');
export const runnerVsix = path.join(vscodeTestOut, 'paged-aws-explorer-test-runner.vsix');
export const runnerExtensionId = 'paged-aws-explorer.paged-aws-explorer-test-runner';

/** Compiles test/vscode/suite/*.ts into out/vscode-test/suite/ (`vscode` and `mocha` stay external). */
export async function buildVscodeSuite(): Promise<string> {
  const dir = path.join(repoRoot, 'test', 'vscode', 'suite');
  const entryPoints = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
  await esbuild.build({
    entryPoints, outdir: path.dirname(suiteIndex), bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode', 'mocha'], sourcemap: 'inline', logLevel: 'warning',
  });
  return suiteIndex;
}

/** Builds the test-only runner extension (test/vscode/runner) into its own small VSIX. */
export async function buildRunnerVsix(): Promise<string> {
  const stage = path.join(vscodeTestOut, 'runner');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'vscode', 'runner', 'extension.ts')], outfile: path.join(stage, 'extension.js'),
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  fs.copyFileSync(path.join(repoRoot, 'test', 'vscode', 'runner', 'package.json'), path.join(stage, 'package.json'));
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(stage, 'LICENSE'));
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--out', runnerVsix], {
    cwd: stage, encoding: 'utf8', env: npmEnv(),
  });
  if (result.status !== 0) {
    throw new Error(`Packaging the test runner extension failed:\n${result.stdout}\n${result.stderr}`);
  }
  return runnerVsix;
}
