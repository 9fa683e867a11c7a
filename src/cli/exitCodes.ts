// What every command of paged-aws-export shares: its exit codes and what it reads and writes.
import { type Sink } from '../core/export/streamExport';

export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & Sink;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}
