// What every command of paged-aws-export shares: its exit codes, what it reads and writes, its progress line.
import { type Sink } from '../core/export/streamExport';

export const EXIT = { done: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

export interface CliIo {
  readonly stdout: NodeJS.WritableStream & Sink;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** A line of progress rewritten in place on a terminal, silent otherwise; `end` moves past it before a message. */
export function statusLine(stderr: CliIo['stderr']): { show(text: string): void; end(): void } {
  let shown = false;
  return {
    show: (text) => {
      if (stderr.isTTY) {
        stderr.write(`\r\x1b[K${text}`);
        shown = true;
      }
    },
    end: () => {
      if (shown) {
        stderr.write('\n');
        shown = false;
      }
    },
  };
}
