import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { decodeS3Url } from '../objects';
import { ChecksumError, type InventoryRow, type RowReader } from './rowReader';

// A CSV report's data file: gzip, no header row, every field in double quotes (a quote inside doubled), the columns
// in the manifest's fileSchema order, keys URL-encoded (a space as "+"). Streamed: one GET from the file's start
// (gzip cannot be entered in the middle), the rows before the one asked for counted and dropped.

const BOOLEAN = new Set(['IsLatest', 'IsDeleteMarker', 'IsMultipartUploaded']);
const NUMBER = new Set(['Size']);

/** The columns of a CSV report, from the manifest's `fileSchema` ("Bucket, Key, Size, …"). */
export function csvColumns(fileSchema: string): string[] {
  return fileSchema.split(',').map((name) => name.trim());
}

export function csvReader(body: Readable, columns: readonly string[], file: { readonly key: string; readonly MD5checksum: string }, startRow: number): RowReader {
  const hash = createHash('md5');
  body.on('data', (chunk: Buffer) => hash.update(chunk));
  const gunzip = zlib.createGunzip();
  body.on('error', (error) => gunzip.destroy(error));
  const chunks = body.pipe(gunzip)[Symbol.asyncIterator]();
  /** Lines read and not yet handed out from `taken` on; `partial`: the start of a line whose end has not come. */
  let lines: string[] = [];
  let taken = 0;
  let partial = '';
  let ended = false;
  let row = 0;

  // Until more than `count` lines wait, or the file ended and its MD5 was checked.
  const fill = async (count: number) => {
    while (!ended && lines.length - taken <= count) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        if (partial) {
          lines.push(partial);
        }
        const md5 = hash.digest('hex');
        if (md5 !== file.MD5checksum) {
          throw new ChecksumError(file.key, md5, file.MD5checksum);
        }
        return;
      }
      const parts = (partial + (next.value as Buffer).toString('utf8')).split('\n');
      partial = parts.pop()!;
      lines = taken > 0 ? lines.slice(taken) : lines;
      taken = 0;
      for (const line of parts) {
        if (line !== '') {
          lines.push(line);
        }
      }
    }
  };

  return {
    get row() {
      return row;
    },
    async read(count) {
      // Rows before the start are counted, not parsed.
      while (row < startRow) {
        await fill(Math.min(startRow - row, 10_000));
        const skip = Math.min(startRow - row, lines.length - taken);
        if (skip === 0 && ended) {
          break;
        }
        taken += skip;
        row += skip;
      }
      await fill(count);
      const end = Math.min(lines.length, taken + count);
      const rows: InventoryRow[] = [];
      for (let i = taken; i < end; i++) {
        rows.push(parseLine(lines[i], columns));
      }
      taken = end;
      row += rows.length;
      return { rows, done: ended && taken >= lines.length };
    },
    close() {
      body.destroy();
      gunzip.destroy();
    },
  };
}

/** One line of quoted fields into a row by `columns`; empty fields left out. */
export function parseLine(line: string, columns: readonly string[]): InventoryRow {
  const row: InventoryRow = {};
  let at = 0;
  for (let c = 0; c < columns.length && at <= line.length; c++) {
    let value: string;
    if (line.charCodeAt(at) === 34) {
      let end = line.indexOf('"', at + 1);
      value = '';
      let start = at + 1;
      // A doubled quote is a quote inside the field.
      while (end >= 0 && line.charCodeAt(end + 1) === 34) {
        value += line.slice(start, end + 1);
        start = end + 2;
        end = line.indexOf('"', start);
      }
      if (end < 0) {
        end = line.length;
      }
      value += line.slice(start, end);
      at = end + 2;
    } else {
      let end = line.indexOf(',', at);
      if (end < 0) {
        end = line.length;
      }
      value = line.slice(at, end);
      at = end + 1;
    }
    if (value === '') {
      continue;
    }
    const name = columns[c];
    row[name] = name === 'Key' ? decodeS3Url(value) : BOOLEAN.has(name) ? value === 'true' : NUMBER.has(name) ? Number(value) : value;
  }
  return row;
}
