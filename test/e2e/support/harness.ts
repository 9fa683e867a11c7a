// The pieces every end-to-end test shares, started once per run: the production VSIX installed into code-server
// (the real VS Code, served on 127.0.0.1), the seeded emulators, and Debian's Chromium driven by playwright-core.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import {
  baseUserSettings, chromiumArgs, createProfile, ensureCodeServer, installExtension, startCodeServer, type CodeServerProfile, type RunningCodeServer,
} from '../../../scripts/lib/codeServer';
import { buildVsix } from '../../../scripts/lib/vsix';
import { isolatedAwsEnv, startDemoEmulators, writeAwsFiles, type DemoEmulators } from '../../../scripts/emulator';
import { startFaultProxy, type FaultProxy } from '../../support/faultProxy';
import { collectLogsFrom } from './artifacts';

export interface Harness {
  readonly codeServerEntry: string;
  readonly vsix: string;
  readonly demo: DemoEmulators;
  /** The main emulator behind ~250 ms of latency per request (profile `demo-slow`), so an export can be cancelled. */
  readonly slowProxy: FaultProxy;
  readonly awsEnv: Record<string, string>;
  readonly profile: CodeServerProfile;
  readonly server: RunningCodeServer;
  readonly browser: Browser;
  /** Scratch space of this run: workspaces, export files. */
  readonly tmp: string;
}

let started: Promise<Harness> | undefined;
let stops: (() => Promise<unknown>)[] = [];

export function harness(): Promise<Harness> {
  started ??= start();
  return started;
}

async function start(): Promise<Harness> {
  const t0 = Date.now();
  const codeServerEntry = await ensureCodeServer();
  const vsix = buildVsix();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-e2e-'));
  stops.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));

  const demo = await startDemoEmulators({ awsDir: path.join(tmp, 'aws') });
  stops.push(() => demo.stop());
  const slowProxy = await startFaultProxy(demo.main.endpoint, () => ({ kind: 'latency', ms: 250 }));
  stops.push(() => slowProxy.stop());
  const awsEnv = writeAwsFiles(path.join(tmp, 'aws'), {
    demo: demo.main.endpoint,
    'demo-other': demo.other.endpoint,
    'demo-slow': slowProxy.endpoint,
  });

  const profile = createProfile(path.join(tmp, 'code-server'), baseUserSettings());
  installExtension(codeServerEntry, profile, vsix);
  collectLogsFrom(profile.userDataDir);
  const server = await startCodeServer(codeServerEntry, { profile, env: isolatedAwsEnv(awsEnv) });
  stops.push(() => server.stop());

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  stops.push(() => browser.close());
  console.log(`    (harness ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${server.url})`);
  return { codeServerEntry, vsix, demo, slowProxy, awsEnv, profile, server, browser, tmp };
}

export async function stopHarness(): Promise<void> {
  const pending = stops.reverse();
  stops = [];
  started = undefined;
  for (const stop of pending) {
    await stop().catch((error: unknown) => console.error(error));
  }
}

/** Registers cleanup for something a test started (a second code-server, a listener). */
export function onStop(stop: () => Promise<unknown>): void {
  stops.push(stop);
}

/**
 * A second code-server with its own profile, for tests that change settings (profile, workspace trust): they must
 * not leak into the other tests. Same VSIX, same emulators.
 */
export async function extraCodeServer(
  h: Harness, name: string, settings: Record<string, unknown>, env: NodeJS.ProcessEnv = {},
  install?: (profile: CodeServerProfile, codeServerEntry: string) => void,
): Promise<RunningCodeServer> {
  const profile = createProfile(path.join(h.tmp, `code-server-${name}`), baseUserSettings(settings));
  installExtension(h.codeServerEntry, profile, h.vsix);
  install?.(profile, h.codeServerEntry);
  collectLogsFrom(profile.userDataDir);
  const server = await startCodeServer(h.codeServerEntry, { profile, env: { ...isolatedAwsEnv(h.awsEnv), ...env } });
  onStop(() => server.stop());
  return server;
}

/** A fresh empty folder to open as the workspace. */
export function newWorkspace(h: Harness, name: string): string {
  const dir = path.join(h.tmp, 'workspaces', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
