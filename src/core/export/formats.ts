import * as path from 'node:path';
import { type Cell } from '../services/kind';

export type ExportFormat = 'jsonl' | 'csv' | 'json';

export const exportFormats: readonly ExportFormat[] = ['jsonl', 'csv', 'json'];

export const formatLabels: Readonly<Record<ExportFormat, string>> = {
  jsonl: 'JSON Lines',
  csv: 'CSV',
  json: 'JSON',
};

/** The file extension of each format, for save dialogs. */
export const formatExtensions: Readonly<Record<ExportFormat, readonly string[]>> = {
  jsonl: ['jsonl', 'ndjson'],
  csv: ['csv'],
  json: ['json'],
};

/** The format a file name asks for, or undefined when its extension names none. */
export function formatFromPath(file: string): ExportFormat | undefined {
  const extension = path.extname(file).slice(1).toLowerCase();
  return exportFormats.find((format) => formatExtensions[format].includes(extension));
}

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

export type ExportRecord = Readonly<Record<string, Cell>>;

/**
 * Turns records into the bytes of one format. It is pure: the same records after the same number of items always
 * give the same text, which is what lets a resumed export write exactly the bytes an uninterrupted one would.
 */
export interface FormatWriter {
  /** What comes before the first item (CSV header, JSON `[`). */
  start(): string;
  /** One page of records, given how many items the file already holds (JSON needs it for the separators). */
  page(records: readonly ExportRecord[], itemsBefore: number): string;
  /** What closes the file, given the number of items written. */
  end(itemsWritten: number): string;
}

/** A writer for `format` whose records have exactly `columns`, in that order (missing ones become null). */
export function createFormatWriter(format: ExportFormat, columns: readonly string[]): FormatWriter {
  // Records normally come with exactly the columns, in order, and are written as they are (V8's fast path, no copy:
  // half the cost per line); any other record is rebuilt in column order first.
  const inOrder = (record: ExportRecord): boolean => {
    let i = 0;
    for (const key in record) {
      if (key !== columns[i++] || record[key] === undefined) {
        return false;
      }
    }
    return i === columns.length;
  };
  const ordered = (record: ExportRecord): ExportRecord =>
    (inOrder(record) ? record : Object.fromEntries(columns.map((column) => [column, record[column] ?? null])));
  switch (format) {
    case 'jsonl':
      return {
        start: () => '',
        page: (records) => records.map((record) => `${JSON.stringify(ordered(record))}\n`).join(''),
        end: () => '',
      };
    case 'json':
      return {
        start: () => '[',
        page: (records, itemsBefore) => records
          .map((record, i) => `${itemsBefore + i === 0 ? '\n' : ',\n'}  ${JSON.stringify(ordered(record))}`).join(''),
        end: (itemsWritten) => (itemsWritten === 0 ? ']\n' : '\n]\n'),
      };
    case 'csv':
      return {
        start: () => csvRow(columns),
        page: (records) => records.map((record) => csvRow(columns.map((column) => record[column] ?? null))).join(''),
        end: () => '',
      };
  }
}

/** One RFC 4180 row: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(cell: Cell): string {
  if (cell === null) {
    return '';
  }
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
