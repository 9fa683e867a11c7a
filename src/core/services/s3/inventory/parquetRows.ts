import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ChecksumError, type InventoryRow, type RowReader } from './rowReader';

// A Parquet report's data file, read through hyparquet (pure JavaScript, Snappy built in) with ranged GETs: the footer
// first, then one row group at a time, never the whole file in memory. Its columns are snake_case (`key`,
// `version_id`, `last_modified_date`); rows take the CSV schema's names, so both formats give the same records.

/** A file to read in ranges: its length, and the bytes from `start` up to `end` (exclusive). */
export interface RangedFile {
  readonly size: number;
  range(start: number, end: number): Promise<Uint8Array>;
  /** The whole file as a stream, for its MD5. */
  stream(): Promise<Readable>;
}

const NAMES: Record<string, string> = { e_tag: 'ETag' };

/** `last_modified_date` → `LastModifiedDate`, `e_tag` → `ETag`. */
function csvName(column: string): string {
  return NAMES[column] ?? column.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

export async function parquetReader(file: RangedFile, meta: { readonly key: string; readonly MD5checksum: string }, startRow: number): Promise<RowReader> {
  const { parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
  const buffer = {
    byteLength: file.size,
    slice: async (start: number, end?: number) => {
      const bytes = await file.range(start, end ?? file.size);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  };
  // The MD5 is of the whole file, which ranged reads never see in one piece: one more GET, streamed beside them.
  let md5Stream: Readable | undefined;
  let closed = false;
  const md5 = (async () => {
    md5Stream = await file.stream();
    if (closed) {
      md5Stream.destroy();
    }
    const hash = createHash('md5');
    for await (const chunk of md5Stream) {
      hash.update(chunk as Buffer);
    }
    return hash.digest('hex');
  })();
  md5.catch(() => undefined);
  const metadata = await parquetMetadataAsync(buffer);
  const groups: Array<{ start: number; end: number }> = [];
  let total = 0;
  for (const group of metadata.row_groups) {
    groups.push({ start: total, end: total + Number(group.num_rows) });
    total += Number(group.num_rows);
  }
  const names = new Map<string, string>();
  const parsers = { timestampFromMilliseconds: (millis: bigint | number) => new Date(Number(millis)).toISOString() };
  let loaded: { start: number; rows: Array<Record<string, unknown>> } | undefined;
  let row = startRow;
  let verified = false;

  const rowOf = (values: Record<string, unknown>): InventoryRow => {
    const out: InventoryRow = {};
    for (const column in values) {
      const value = values[column];
      if (value === null || value === undefined || value === '') {
        continue;
      }
      let name = names.get(column);
      if (name === undefined) {
        name = csvName(column);
        names.set(column, name);
      }
      out[name] = typeof value === 'bigint' ? Number(value) : (value as string | number | boolean);
    }
    return out;
  };

  return {
    get row() {
      return row;
    },
    async read(count) {
      const rows: InventoryRow[] = [];
      while (rows.length < count && row < total) {
        if (!loaded || row >= loaded.start + loaded.rows.length) {
          const group = groups.find((candidate) => row >= candidate.start && row < candidate.end)!;
          loaded = { start: group.start, rows: await parquetReadObjects({ file: buffer, metadata, rowStart: group.start, rowEnd: group.end, parsers }) };
        }
        const end = Math.min(loaded.start + loaded.rows.length, row + count - rows.length);
        for (let i = row; i < end; i++) {
          rows.push(rowOf(loaded.rows[i - loaded.start]));
        }
        row = end;
      }
      if (row >= total && !verified) {
        const actual = await md5;
        if (actual !== meta.MD5checksum) {
          throw new ChecksumError(meta.key, actual, meta.MD5checksum);
        }
        verified = true;
      }
      return { rows, done: row >= total };
    },
    close() {
      closed = true;
      loaded = undefined;
      md5Stream?.destroy();
    },
  };
}
