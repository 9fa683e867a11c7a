import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { ensureDebianPackages } from './debianPackages';
import { ensureNode24Headers, node24, npmEnv, pathWithNode24 } from './node24';
import { cacheRoot, repoRoot } from './paths';

/** code-server is VS Code served to a browser, with a real Node extension host; the version pins VS Code 1.139. */
export const CODE_SERVER_VERSION = '4.139.1';

const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const entry = path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const completeMarker = path.join(installDir, '.install-complete');

/**
 * Installs code-server into the git-ignored cache on first use (not as a dependency of the extension: it is
 * ~600 MB with native modules). Its postinstall refuses any Node but 24, and its native modules build against the
 * headers of the Node that runs them, so npm runs under Node 24 with `npm_config_nodedir` at Node 24's headers.
 * Returns the path of its entry script, to be run with Node 24.
 */
export async function ensureCodeServer(): Promise<string> {
  ensureDebianPackages();
  if (fs.existsSync(completeMarker) && fs.existsSync(entry)) {
    return entry;
  }
  const nodedir = ensureNode24Headers();
  fs.rmSync(path.join(installDir, 'node_modules'), { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  fs.writeFileSync(path.join(installDir, 'package.json'), `${JSON.stringify({ private: true, description: 'cache: code-server for npm run demo / test:e2e' }, null, 2)}\n`);
  const logFile = path.join(installDir, 'install.log');
  const rel = path.relative(repoRoot, installDir);
  console.log(`First use: installing code-server ${CODE_SERVER_VERSION} (VS Code in the browser) into ${rel}/ with npm under Node 24.`);
  console.log(`This downloads ~150 MB, builds native modules and takes 2-4 minutes; npm output goes to ${path.relative(repoRoot, logFile)}.`);

  const started = Date.now();
  const log = fs.openSync(logFile, 'w');
  const child = spawn('npm', ['install', `code-server@${CODE_SERVER_VERSION}`, '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=warn'], {
    cwd: installDir,
    stdio: ['ignore', log, log],
    env: npmEnv({ npm_config_nodedir: nodedir }),
  });
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`  … ${seconds} s${lastLine(logFile) ? `: ${lastLine(logFile)}` : ''}`);
  }, 15_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(ticker);
  fs.closeSync(log);
  if (code !== 0 || !fs.existsSync(entry)) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`Installing code-server failed (npm exit ${code}). Last lines of ${logFile}:\n${tail}\n` +
      'If a native module failed to build, check that "libkrb5-dev", "python3", "make" and "g++" are installed.');
  }
  fs.writeFileSync(completeMarker, `${CODE_SERVER_VERSION}\n`);
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  return entry;
}

function lastLine(file: string): string {
  try {
    // The last line that says something (compiler output has caret-only lines).
    const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => /[A-Za-z]{3}/.test(l));
    return (lines.at(-1) ?? '').slice(0, 120);
  } catch {
    return '';
  }
}

/** Flags that make Chromium work here: root (no sandbox), no GPU, no internet. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** User settings for a clean, quiet workbench. Trust stays off except in the Restricted Mode test. */
export function baseUserSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    // Rows only in the list itself (no sticky copies), and no secondary side bar taking the room.
    'workbench.tree.enableStickyScroll': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // The save dialog as a quick input the test can type a path into (the web default, made explicit).
    'files.simpleDialog.enable': true,
    'pagedAwsExplorer.profile': 'demo',
    ...extra,
  };
}

/** The folders one code-server instance keeps its state in; a fresh pair per run keeps runs independent. */
export interface CodeServerProfile {
  readonly userDataDir: string;
  readonly extensionsDir: string;
}

export function createProfile(root: string, userSettings: Record<string, unknown>): CodeServerProfile {
  const profile = { userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  const json = `${JSON.stringify(userSettings, null, 2)}\n`;
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), json);
  // The extension host of code-server is a remote one: it reads machine-scoped settings (the AWS profile, region
  // and endpoint are machine-scoped) from the "Remote" settings, not from the browser's user settings.
  fs.mkdirSync(path.join(profile.userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(profile.userDataDir, 'Machine', 'settings.json'), json);
  return profile;
}

function profileArgs(profile: CodeServerProfile): string[] {
  return ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a VSIX offline into the profile (the same as "Extensions: Install from VSIX…"). */
export function installExtension(codeServerEntry: string, profile: CodeServerProfile, vsix: string): void {
  const result = spawnSync(node24, [codeServerEntry, ...profileArgs(profile), '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: pathWithNode24() },
  });
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningCodeServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything code-server printed (its own log; the extension host logs to the user-data folder). */
  output(): string;
  /** URL that opens the workbench on a folder. */
  folderUrl(folder: string): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly profile: CodeServerProfile;
  /** Extra environment for code-server and so for the extension host (AWS_CONFIG_FILE, test variables…). */
  readonly env?: NodeJS.ProcessEnv;
  readonly port?: number;
  /** Echo code-server's output to the console. */
  readonly echo?: boolean;
}

/** Starts code-server on 127.0.0.1 only, with no auth (nothing else can reach a loopback port), no telemetry. */
export async function startCodeServer(codeServerEntry: string, options: StartOptions): Promise<RunningCodeServer> {
  const port = options.port ?? (await freeLoopbackPort());
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...profileArgs(options.profile),
  ];
  const child = spawn(node24, args, {
    env: { ...process.env, ...options.env, PATH: pathWithNode24() },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stop() can end code-server together with its extension host and watchers.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (options.echo) {
      process.stdout.write(text);
    }
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (code ${child.exitCode}) before it was ready:\n${output}`);
    }
    if (await healthy(url)) {
      break;
    }
    if (Date.now() > deadline) {
      killGroup(child);
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    process: child,
    output: () => output,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child);
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}
