import { AddressError } from '../address';
import * as l10n from '@vscode/l10n';

const UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time as the command line and addresses take it, in epoch milliseconds: `now`, a span back from `asOf` (`-15m`,
 * `-24h`, `-7d`; s, m, h, d, w), an ISO 8601 date or date-time (a date-time without a zone is UTC), or epoch
 * milliseconds. Throws `AddressError` saying what is expected.
 */
export function timeOf(text: string, asOf: number): number {
  const trimmed = text.trim();
  if (trimmed === 'now') {
    return asOf;
  }
  const span = /^-(\d+)([smhdw])$/.exec(trimmed);
  if (span) {
    return asOf - Number(span[1]) * UNITS[span[2]];
  }
  if (/^\d{12,14}$/.test(trimmed)) {
    return Number(trimmed);
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) {
    const iso = trimmed.replace(' ', 'T');
    const zoned = /T/.test(iso) && !/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? `${iso}Z` : iso;
    const time = Date.parse(zoned);
    if (!Number.isNaN(time)) {
      return time;
    }
  }
  throw new AddressError(l10n.t('"{0}" is not a time: use now, -15m, -24h, -7d (s, m, h, d, w back from now), an ISO 8601 date or date-time (UTC unless it says otherwise), or epoch milliseconds.', text));
}

/** Checks a time text, for an option or an address: the text itself, unchanged (relative times stay relative). */
export function timeText(text: string): string {
  timeOf(text, Date.now());
  return text.trim();
}

/** "last 24h", "2026-11-30 10:00Z → now": a time range in a title. */
export function rangeLabel(start: string | undefined, end: string | undefined): string {
  const relative = start && /^-\d+[smhdw]$/.test(start) && (end === undefined || end === 'now');
  if (relative) {
    return l10n.t('last {0}', start.slice(1));
  }
  const show = (text: string | undefined, fallback: string) => {
    if (text === undefined) {
      return fallback;
    }
    return /^\d{12,14}$/.test(text) ? new Date(Number(text)).toISOString().slice(0, 16).replace('T', ' ') + 'Z' : text;
  };
  return `${show(start, l10n.t('the beginning'))} → ${show(end, l10n.t('now'))}`;
}

/** Epoch milliseconds as ISO 8601 UTC, for our `…Iso` fields beside the API's numbers. */
export function isoOf(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
