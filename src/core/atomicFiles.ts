import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Small state files (checkpoints) replaced whole: a crash leaves the old file or the new one, never half of one.

/** The file's text, or undefined when there is no such file. */
export async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Replaces `file` with `text`: a temporary file beside it (owner-only; its directory created owner-only the first
 * time) is written and flushed, then renamed over it. `after` runs meanwhile; the new file replaces the old one only
 * once it has resolved, and the replacement fails if it rejects. The directory itself is not flushed: after a power cut
 * the old file may come back.
 *
 * Opening, writing a few hundred bytes and closing take microseconds and are done synchronously, where each await
 * would cost a turn of the event loop on an export's critical path; the flush and the rename wait on the disk off the
 * main thread.
 */
export async function replaceFile(file: string, text: string, after?: Promise<unknown>): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = create(temporary);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (error) => (error ? reject(error) : resolve())));
    } finally {
      fs.closeSync(fd);
    }
    await after;
    await fs.promises.rename(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** Removes `file`, and the temporary files that saves killed midway left beside it (never read). */
export async function removeFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
  const prefix = `${path.basename(file)}.`;
  const names = await fs.promises.readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'))) {
    await fs.promises.rm(path.join(path.dirname(file), name), { force: true });
  }
}

/** Creates a file, and its directory the first time (it is not looked for on every save). */
function create(file: string): number {
  try {
    return fs.openSync(file, 'w', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return fs.openSync(file, 'w', 0o600);
  }
}
