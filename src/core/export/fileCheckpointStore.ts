import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHECKPOINT_VERSION, checkpointId, type Checkpoint, type CheckpointStore } from './checkpoint';
import { isExportFormat } from '../records/formats';
import { isParallelState } from './parallelCheckpoint';
import { readIfPresent, removeFile, replaceFile } from '../atomicFiles';

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
    const text = await readIfPresent(this.file(id));
    return text === undefined ? undefined : parseCheckpoint(text, id);
  }

  /**
   * Saves a checkpoint (see `replaceFile`): `after` is the flush of the output the checkpoint points into, and the
   * new checkpoint replaces the old one only once it has succeeded. After a power cut the old checkpoint may come
   * back, and resuming from it is still exact (the output is cut back to its length): that only costs the pages since.
   */
  async save(checkpoint: Checkpoint, after?: Promise<unknown>): Promise<void> {
    if (!ID.test(checkpoint.id) || checkpoint.id !== checkpointId(checkpoint.job)) {
      throw new Error('Refusing to save a checkpoint under an id that does not match its export.');
    }
    await replaceFile(this.file(checkpoint.id), `${JSON.stringify(checkpoint, null, 2)}\n`, after);
  }

  async delete(id: string): Promise<void> {
    if (ID.test(id)) {
      await removeFile(this.file(id));
    }
  }

  async list(): Promise<Checkpoint[]> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.directory);
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
  const valid = (value?.version === 1 || value?.version === CHECKPOINT_VERSION)
    && typeof value.nextToken === 'string' && (value.parallel === undefined ? value.nextToken !== '' : isParallelState(value.parallel))
    && (value.after === undefined || typeof value.after === 'string')
    && Number.isSafeInteger(value.itemsWritten) && Number.isSafeInteger(value.pagesWritten) && Number.isSafeInteger(value.byteLength)
    && typeof value.sha256 === 'string' && typeof value.startedAt === 'string' && typeof value.updatedAt === 'string'
    && typeof job?.outputPath === 'string' && path.isAbsolute(job.outputPath) && isExportFormat(String(job.format))
    && Number.isSafeInteger(job.pageSize) && job.pageSize > 0 && (job.style === undefined || typeof job.style === 'string') && (job.asOf === undefined || typeof job.asOf === 'string')
    && (value.keys === undefined || (Number.isSafeInteger(value.keys.byteLength) && typeof value.keys.sha256 === 'string')) && (job.csv === undefined || typeof job.csv === 'object')
    && typeof job.list?.kind === 'string' && typeof job.list.params === 'object' && job.list.params !== null
    && typeof job.target?.profile === 'string' && typeof job.target.region === 'string';
  // The id is recomputed, not trusted: a checkpoint copied or renamed to another listing's id does not apply to it.
  return valid && value.id === expectedId && checkpointId(job) === expectedId ? value : undefined;
}
