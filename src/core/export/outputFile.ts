import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { OutputChangedError } from './errors';

const READ_CHUNK = 1 << 20;

/**
 * The file an export writes, appended to at a known length, with a running SHA-256 of everything written so far.
 * A checkpoint records that length and hash; reopening checks both before anything is appended.
 */
export class OutputFile {
  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
    private length: number,
    private readonly hash: Hash,
  ) {}

  private closing?: Promise<void>;

  /** Creates the file, or empties an existing one. */
  static async create(path: string): Promise<OutputFile> {
    return new OutputFile(path, await fs.open(path, 'w'), 0, createHash('sha256'));
  }

  /**
   * Opens a file to continue an interrupted export: checks that its first `byteLength` bytes are the ones the
   * checkpoint hashed, then cuts off whatever follows them (a page written after the last checkpoint).
   */
  static async reopen(path: string, byteLength: number, sha256: string): Promise<OutputFile> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(path, 'r+');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new OutputChangedError(path, 'deleted');
      }
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < byteLength) {
        throw new OutputChangedError(path, 'truncated');
      }
      const hash = createHash('sha256');
      const buffer = Buffer.alloc(Math.min(READ_CHUNK, Math.max(byteLength, 1)));
      for (let position = 0; position < byteLength;) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, byteLength - position), position);
        if (bytesRead === 0) {
          throw new OutputChangedError(path, 'truncated');
        }
        hash.update(buffer.subarray(0, bytesRead));
        position += bytesRead;
      }
      if (hash.copy().digest('hex') !== sha256) {
        throw new OutputChangedError(path, 'modified');
      }
      await handle.truncate(byteLength);
      await handle.sync();
      return new OutputFile(path, handle, byteLength, hash);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get byteLength(): number {
    return this.length;
  }

  /** SHA-256 of the bytes written so far. */
  sha256(): string {
    return this.hash.copy().digest('hex');
  }

  /** Appends text (as UTF-8) or bytes; a buffer may be reused once this resolves. */
  async append(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let offset = 0; offset < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, this.length + offset);
      offset += bytesWritten;
    }
    this.hash.update(bytes);
    this.length += bytes.length;
  }

  /** Flushes the written bytes to the disk, so that a checkpoint saved afterwards never points past them. */
  async sync(): Promise<void> {
    await this.handle.sync();
  }

  /** Closes the file; closing it again does nothing. */
  close(): Promise<void> {
    this.closing ??= this.handle.close();
    return this.closing;
  }
}
