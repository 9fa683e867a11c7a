import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkpointId, type Checkpoint, type CheckpointStore } from './checkpoint';
import { isExportFormat } from './formats';
import { isParallelState } from './parallelCheckpoint';

const ID = /^[0-9a-f]{32}$/;

/**
 * Checkpoints as one JSON file each in a directory (the extension's global storage, or the CLI's state directory).
 * A save writes a temporary file, flushes it and renames it over the old one, so a crash leaves either the old or
 * the new checkpoint, never half of one.
 */
export class FileCheckpointStore implements CheckpointStore {
  constructor(readonly directory: string) {}

  async load(id: string): Promise<Checkpoint | undefined> {
    if (!ID.test(id)) {
      return undefined;
    }
    let text: string;
    try {
      text = await fs.readFile(this.file(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    return parseCheckpoint(text, id);
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    if (!ID.test(checkpoint.id) || checkpoint.id !== checkpointId(checkpoint.job)) {
      throw new Error('Refusing to save a checkpoint under an id that does not match its export.');
    }
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    const target = this.file(checkpoint.id);
    const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(checkpoint, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(this.directory);
  }

  async delete(id: string): Promise<void> {
    if (ID.test(id)) {
      await fs.rm(this.file(id), { force: true });
      // A process killed in the middle of a save leaves its temporary file behind; it is never read, so drop it here.
      const temporaries = await fs.readdir(this.directory).catch(() => [] as string[]);
      for (const name of temporaries.filter((n) => n.startsWith(`${id}.json.`) && n.endsWith('.tmp'))) {
        await fs.rm(path.join(this.directory, name), { force: true });
      }
    }
  }

  async list(): Promise<Checkpoint[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    const checkpoints: Checkpoint[] = [];
    for (const name of names) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      const checkpoint = ID.test(id) ? await this.load(id).catch(() => undefined) : undefined;
      if (checkpoint) {
        checkpoints.push(checkpoint);
      }
    }
    return checkpoints.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  private file(id: string): string {
    return path.join(this.directory, `${id}.json`);
  }
}

/** A checkpoint read back, or undefined when the file is not one of ours or was stored under another id. */
export function parseCheckpoint(text: string, expectedId: string): Checkpoint | undefined {
  let value: Checkpoint;
  try {
    value = JSON.parse(text) as Checkpoint;
  } catch {
    return undefined;
  }
  const job = value?.job;
  const valid = value?.version === 1
    && typeof value.nextToken === 'string' && (value.parallel === undefined ? value.nextToken !== '' : isParallelState(value.parallel))
    && Number.isSafeInteger(value.itemsWritten) && Number.isSafeInteger(value.pagesWritten) && Number.isSafeInteger(value.byteLength)
    && typeof value.sha256 === 'string' && typeof value.startedAt === 'string' && typeof value.updatedAt === 'string'
    && typeof job?.outputPath === 'string' && path.isAbsolute(job.outputPath) && isExportFormat(String(job.format))
    && Number.isSafeInteger(job.pageSize) && job.pageSize > 0
    && typeof job.list?.kind === 'string' && typeof job.list.params === 'object' && job.list.params !== null
    && typeof job.target?.profile === 'string' && typeof job.target.region === 'string';
  // The id is recomputed, not trusted: a checkpoint copied or renamed to another listing's id does not apply to it.
  return valid && value.id === expectedId && checkpointId(job) === expectedId ? value : undefined;
}

async function syncDirectory(directory: string): Promise<void> {
  // Makes the rename durable; not every platform can open a directory, and that only weakens durability.
  try {
    const handle = await fs.open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // ignore
  }
}
