import { randomBytes } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';

/**
 * One export per output file, across VS Code windows and the CLI: an export holds a lock file beside its output
 * (`.NAME.lock`, where the parts of a parallel export go too, so every process that could write the file sees it,
 * whatever its checkpoint folder) for as long as it writes. The lock names its holder; a holder that is gone (crashed,
 * SIGKILLed) leaves a stale lock, which the next export on the same machine takes over.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly startedAt: string;
  /** Linux: the holder process's start time (in clock ticks since boot), so a reused pid is not taken for the holder. */
  readonly processStart?: string;
  /** What is exporting: the list's address. */
  readonly list: string;
  /** Who: "VS Code", "paged-aws-export". */
  readonly tool: string;
}

/** Another export is writing the file. */
export class OutputLockedError extends Error {
  override readonly name = 'OutputLockedError';
  constructor(readonly outputPath: string, readonly lockPath: string, readonly holder: LockHolder) {
    super(l10n.t('{0} is being written by another export: {1}, started {2} by {3} (process {4} on {5}). Wait for it to finish or stop it; if it is no longer running, delete {6}.',
      path.basename(outputPath), holder.list, holder.startedAt, holder.tool, String(holder.pid), holder.host, lockPath));
  }
}

export interface OutputLock {
  readonly lockPath: string;
  /** Removes the lock file, if it is still this lock's. */
  release(): Promise<void>;
}

export function lockPathOf(outputPath: string): string {
  return path.join(path.dirname(outputPath), `.${path.basename(outputPath)}.lock`);
}

/**
 * Takes the lock of `outputPath` or throws `OutputLockedError` naming the export that holds it. The lock file is
 * written whole under a temporary name and linked into place (a link fails if the name exists), so no process ever
 * reads half a lock, and of two racing processes exactly one gets it.
 */
export async function lockOutput(outputPath: string, owner: Pick<LockHolder, 'list' | 'tool'>): Promise<OutputLock> {
  const lockPath = lockPathOf(outputPath);
  const holder: LockHolder = {
    pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), ...processStartOf(process.pid), ...owner,
  };
  const text = `${JSON.stringify(holder)}\n`;
  const temporary = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, text, { mode: 0o644 });
  } catch (error) {
    // Said of the output: the lock is ours to write, the folder is the user's.
    throw Object.assign(error as Error, { path: outputPath });
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await fs.link(temporary, lockPath);
        return {
          lockPath,
          release: async () => {
            if ((await fs.readFile(lockPath, 'utf8').catch(() => undefined)) === text) {
              await fs.rm(lockPath, { force: true });
            }
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) {
          throw error;
        }
      }
      const current = await readHolder(lockPath);
      if (current && !isStale(current)) {
        throw new OutputLockedError(outputPath, lockPath, current);
      }
      await takeOverStale(lockPath, current);
    }
  } finally {
    await fs.rm(temporary, { force: true });
  }
}

async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  const text = await fs.readFile(lockPath, 'utf8').catch(() => undefined);
  try {
    const holder = text === undefined ? undefined : JSON.parse(text) as LockHolder;
    return typeof holder?.pid === 'number' && typeof holder.host === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock whose process is gone. Only a process on this machine can be checked: another host's lock (a shared folder)
 * stays until its holder releases it or the user deletes it. A lock that cannot be read (written by hand, torn by a
 * crash of an older version) is stale.
 */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) {
    return false;
  }
  if (!isAlive(holder.pid)) {
    return true;
  }
  const now = processStartOf(holder.pid).processStart;
  return holder.processStart !== undefined && now !== undefined && now !== holder.processStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock without removing a fresh one another process took meanwhile: the lock is first renamed to a
 * name of this process's own (only one process can win that rename), then checked, and put back if it was not the
 * stale one.
 */
async function takeOverStale(lockPath: string, stale: LockHolder | undefined): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return;
    }
    throw error;
  }
  const moved = await readHolder(aside);
  if (stale && moved && (moved.pid !== stale.pid || moved.startedAt !== stale.startedAt)) {
    await fs.link(aside, lockPath).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

/** Linux: field 22 of /proc/PID/stat, the process's start time; elsewhere nothing. */
function processStartOf(pid: number): { processStart?: string } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after its closing one.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start ? { processStart: start } : {};
  } catch {
    return {};
  }
}
