import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
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

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  // utime and stime are the 12th and 13th fields after the command name, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
