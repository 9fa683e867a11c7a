import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { NODE } from './paths';

/** A server of the benchmark in its own process on 127.0.0.1: an emulator, or the latency proxy. */
export interface EmulatorProcess {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** fauxqs, persisted in `dataDir`. */
export function startEmulatorProcess(dataDir: string): Promise<EmulatorProcess> {
  return startServerProcess([path.join(__dirname, 'emulatorServer.mjs'), dataDir]);
}

/** dynalite, in memory. */
export function startDynaliteProcess(): Promise<EmulatorProcess> {
  return startServerProcess([path.join(__dirname, 'dynaliteServer.mjs')]);
}

/** A Node script that prints {"port":N} on its first line once it listens. */
export async function startServerProcess(args: readonly string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(NODE, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        resolve((JSON.parse(text.split('\n')[0]) as { port: number }).port);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

