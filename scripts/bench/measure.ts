import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE } from './paths';

/** One process to run and time: the contender alone (the emulator and proxy live in other processes). */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Where its standard output goes (the AWS CLI and rclone print the listing). */
  readonly stdout?: string;
}

export interface Sample {
  /** Wall time from spawn to exit. */
  readonly seconds: number;
  /** Peak resident set size (GNU time's %M, which the kernel reports as the process's high-water mark). */
  readonly rssMb: number;
  /** CPU time of the process, user + system, all threads (GNU time's %U + %S). */
  readonly cpuSeconds: number;
}

const TIME = '/usr/bin/time';

/** Runs a command under GNU time and returns its wall time and peak RSS; throws with its stderr if it fails. */
export async function measure(command: Command): Promise<Sample> {
  const timeFile = path.join(CACHE, 'time.out');
  const stdout = command.stdout ? fs.openSync(command.stdout, 'w') : 'ignore';
  try {
    const started = performance.now();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(TIME, ['-f', '%M %U %S', '-o', timeFile, command.file, ...command.args], { env: command.env, stdio: ['ignore', stdout, 'pipe'] });
      let text = '';
      child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stderr: text }));
    });
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) {
      throw new Error(`${path.basename(command.file)} ${command.args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`);
    }
    const [kb, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return { seconds, rssMb: kb / 1024, cpuSeconds: user + system };
  } finally {
    if (typeof stdout === 'number') {
      fs.closeSync(stdout);
    }
  }
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
