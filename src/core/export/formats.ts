import * as path from 'node:path';
import { exactJson } from '../json';
import { ExactNumber, type ExportRecord, type RecordShape, type ResourceItem, type Value } from '../services/kind';

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

/**
 * Turns items into the bytes of one format. It is pure: the same items after the same number of items always
 * give the same text, which is what lets a resumed export write exactly the bytes an uninterrupted one would.
 */
export interface FormatWriter {
  /** What comes before the first item (CSV header, JSON `[`). */
  start(): string;
  /** One page of items, given how many items the file already holds (JSON needs it for the separators). */
  page(items: readonly ResourceItem[], itemsBefore: number): string;
  /** What closes the file, given the number of items written. */
  end(itemsWritten: number): string;
}

/** A writer for `format` whose records have exactly the shape's columns, in that order (missing ones become null). */
export function createFormatWriter(format: ExportFormat, shape: RecordShape): FormatWriter {
  const { columns } = shape;
  const recordOf = shape.record ?? ((item: ResourceItem) => item.record);
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
  // A kind that makes its own records (`shape.record`) has put their fields in order: they are written as they are.
  const ordered = shape.record ? (record: ExportRecord) => record : (record: ExportRecord): ExportRecord =>
    (inOrder(record) ? record : Object.fromEntries(columns.map((column) => [column, record[column] ?? null])));
  const json = shape.exact ? (record: ExportRecord) => exactJson(ordered(record)) : (record: ExportRecord) => JSON.stringify(ordered(record));
  const cell = (value: Value | undefined): string => {
    if (value === null || value === undefined) {
      return '';
    }
    if (value instanceof ExactNumber) {
      return value.text;
    }
    return typeof value === 'object' ? (shape.exact ? exactJson(value) : JSON.stringify(value)) : String(value);
  };
  switch (format) {
    case 'jsonl':
      return {
        start: () => '',
        page: (items) => items.map((item) => `${json(recordOf(item))}\n`).join(''),
        end: () => '',
      };
    case 'json':
      return {
        start: () => '[',
        page: (items, itemsBefore) => items
          .map((item, i) => `${itemsBefore + i === 0 ? '\n' : ',\n'}  ${json(recordOf(item))}`).join(''),
        end: (itemsWritten) => (itemsWritten === 0 ? ']\n' : '\n]\n'),
      };
    case 'csv':
      return {
        start: () => csvRow(columns),
        page: (items) => items.map((item) => {
          const record = recordOf(item);
          return csvRow(columns.map((column) => cell(record[column])));
        }).join(''),
        end: () => '',
      };
  }
}

/** One RFC 4180 row: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
