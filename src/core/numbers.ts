// The one place numbers become text, in messages, rows and the CLI.
import * as l10n from '@vscode/l10n';

let grouping: Intl.NumberFormat | undefined;

/** Numbers in the UI's language from now on (the extension calls it with VS Code's); none: English again, as the CLI. */
export function formatNumbersFor(locale: string | undefined): void {
  grouping = locale === undefined ? undefined : new Intl.NumberFormat(locale);
}

/**
 * "12,345". In English without `toLocaleString`, whose first call loads ICU's locale data (9-16 ms of every
 * command-line export, measured); in the UI's language once the extension has said which.
 */
export function formatCount(count: number): string {
  return grouping ? grouping.format(count) : String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB" (binary multiples, as the S3 console shows them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** A duration as a person says it: "40 s", "12 min", "3 h", "2 days". */
export function roughDuration(seconds: number): string {
  return seconds < 90 ? l10n.t('{0} s', Math.max(1, Math.round(seconds)))
    : seconds < 5400 ? l10n.t('{0} min', Math.round(seconds / 60))
      : seconds < 172_800 ? l10n.t('{0} h', Math.round(seconds / 3600))
        : l10n.t('{0} days', Math.round(seconds / 86_400));
}
