import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { type ResourceItem } from '../lists';
import { type WrittenKeysState } from './checkpoint';
import { OutputFile } from './outputFile';

/** The keys file of an export: hidden beside the output, removed when the export completes. */
export function keysPath(outputPath: string): string {
  return path.join(path.dirname(outputPath), `.${path.basename(outputPath)}.keys`);
}

/**
 * The keys of the items an export has written, for a list that can hand the same item twice (AWS Health's events,
 * newest update first: a window that moves while it is paged, and is listed again after a refused token). Each page's
 * new keys are appended to a file beside the output and flushed with it, so a resumed export still knows every item
 * it wrote: the seed article's processed-id idempotency, kept on disk as the output is.
 */
export class WrittenKeys {
  private pending: string[] = [];

  private constructor(
    private readonly path: string, private file: OutputFile | undefined, private readonly keys: Set<string>, private readonly keyOf: (item: ResourceItem) => string,
  ) {}

  /** The keys of a new export. Its file is created with the first page written, as the output is: a listing that fails at once leaves nothing. */
  static create(outputPath: string, keyOf: (item: ResourceItem) => string): WrittenKeys {
    return new WrittenKeys(keysPath(outputPath), undefined, new Set(), keyOf);
  }

  /** The keys of an interrupted export, as its checkpoint counted them (anything after is cut off). */
  static async reopen(outputPath: string, state: WrittenKeysState, keyOf: (item: ResourceItem) => string): Promise<WrittenKeys> {
    const file = await OutputFile.reopen(keysPath(outputPath), state.byteLength, state.sha256);
    const text = (await fs.readFile(keysPath(outputPath), 'utf8')).slice(0, state.byteLength);
    return new WrittenKeys(keysPath(outputPath), file, new Set(text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as string)), keyOf);
  }

  /** The items of a page not written before (nor earlier on the same page), noted as written. */
  fresh(items: readonly ResourceItem[]): ResourceItem[] {
    return items.filter((item) => {
      const key = this.keyOf(item);
      if (this.keys.has(key)) {
        return false;
      }
      this.keys.add(key);
      this.pending.push(`${JSON.stringify(key)}\n`);
      return true;
    });
  }

  /** Appends the keys noted since the last call (`state` counts them from then on); the first call creates the file. */
  async write(): Promise<void> {
    this.file ??= await OutputFile.create(this.path);
    if (this.pending.length) {
      const text = this.pending.join('');
      this.pending = [];
      await this.file.append(text);
    }
  }

  /** Flushes what was written to the disk, so that a checkpoint saved afterwards never counts keys that are not there. */
  async sync(): Promise<void> {
    await this.file?.sync();
  }

  /** Called after `write`, which created the file. */
  state(): WrittenKeysState {
    if (!this.file) {
      throw new Error('The keys file is created by the first write');
    }
    return { byteLength: this.file.byteLength, sha256: this.file.sha256() };
  }

  async close(): Promise<void> {
    await this.file?.close();
  }

  /** The export is complete: the keys are not needed any more. */
  async remove(): Promise<void> {
    await this.file?.close();
    await fs.rm(this.path, { force: true });
  }
}
