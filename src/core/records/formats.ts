import * as path from 'node:path';
import { exactJson } from '../json';
import { ExactNumber, type ExportRecord, type ResourceItem, type Value } from '../lists';

export type ExportFormat = 'jsonl' | 'csv' | 'json';

/** How a list's items become records of one format: the columns (CSV header, JSON field order) and each record. */
export interface RecordShape {
  readonly columns: readonly string[];
  /** The record of an item, its fields in the order they are written; the item's `record` when absent. */
  record?(item: ResourceItem): ExportRecord;
  /** Records hold `ExactNumber`s: written by the exact JSON writer, not JSON.stringify. */
  readonly exact?: boolean;
}

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

/**
 * A writer for `format`: JSON and JSON Lines write each record as its kind built it (the API's fields in its order,
 * absent ones left out); CSV writes the shape's columns, in that order, empty where a record has none.
 */
export function createFormatWriter(format: ExportFormat, shape: RecordShape, csv: CsvOptions = {}): FormatWriter {
  const { columns } = shape;
  const recordOf = shape.record ?? ((item: ResourceItem) => item.record);
  // JSON.stringify of the record as built is V8's fast path: no copy, no reordering.
  const json = shape.exact ? (record: ExportRecord) => exactJson(record) : (record: ExportRecord) => JSON.stringify(record);
  const cell = (value: Value | undefined): string => {
    if (value === null || value === undefined) {
      return '';
    }
    if (value instanceof ExactNumber) {
      return value.text;
    }
    if (typeof value === 'string') {
      return csv.raw ? value : inert(value);
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
        start: () => (csv.bom ? '\uFEFF' : '') + csvRow(columns),
        page: (items) => items.map((item) => {
          const record = recordOf(item);
          return csvRow(columns.map((column) => cell(record[column])));
        }).join(''),
        end: () => '',
      };
  }
}

/** How CSV cells are written; both change the file's bytes, so a job keeps them (and a resume uses its own). */
export interface CsvOptions {
  /** Write text cells as they are, even those a spreadsheet would run as a formula. */
  readonly raw?: boolean;
  /** Start the file with a UTF-8 byte-order mark, by which Excel knows the encoding. */
  readonly bom?: boolean;
}

/**
 * A text cell a spreadsheet cannot run: one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
 * leading apostrophe, as the OWASP guidance on CSV injection says. Numbers are written as numbers, never changed.
 */
function inert(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 row: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled. */
function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
