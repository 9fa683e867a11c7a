import { StatedError } from '../../../problems/statedError';
import * as l10n from '@vscode/l10n';

/** One row of a report, by the CSV schema's column names (`Key`, `Size`, `LastModifiedDate`…); empty fields absent. */
export type InventoryRow = Record<string, string | number | boolean>;

/**
 * Reads one data file from a row on. The rows that end the file are handed out only after the file's MD5 was checked,
 * so a damaged file never completes an export.
 */
export interface RowReader {
  /** The next row it reads (0-based within the file). */
  readonly row: number;
  /** Up to `count` rows; `done` once the file has no more. */
  read(count: number): Promise<{ readonly rows: InventoryRow[]; readonly done: boolean }>;
  close(): void;
}

export class ChecksumError extends StatedError {
  constructor(key: string, actual: string, expected: string) {
    super(l10n.t('The inventory data file {0} is damaged: its MD5 is {1}, the manifest says {2}. The export stopped before its last rows; its checkpoint is kept.', key, actual, expected));
  }
}
