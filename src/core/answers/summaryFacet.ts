import { formatBytes } from '../numbers';
import { type ResourceItem, type Value } from '../lists';

// A list kind's summary facet: what Summarize… adds up over every page of the list (summary.ts reads it). A kind
// without one is still summarized: its count, and its newest and oldest items where its rows carry a time.

/** One way to group a list's items (by storage class, by state…): a group per value, counted and sized. */
export interface SummaryGrouping {
  /** Stable id: it names the grouping in `--by`, in a checkpoint and in the JSON summary. */
  readonly id: string;
  /** What the grouping is called in the summary ("By storage class"). */
  readonly label: string;
  /** The item's group; undefined: the item is not counted in this grouping. */
  of(item: ResourceItem): string | undefined;
  /** How the groups are shown: by count, most first (the default), or in an order of their own (months, sizes). */
  readonly order?: (a: string, b: string) => number;
}

export interface ListSummary {
  /** The bytes an item stands for (an object's Size): the summary adds them up and keeps the largest items. */
  size?(item: ResourceItem): number | undefined;
  readonly groupings: readonly SummaryGrouping[];
}

/** A top-level field of the item's record, as text (`State.Name` reaches one level down). */
export function fieldOf(item: ResourceItem, path: string): string | undefined {
  return fieldAt(item, path.split('.'));
}

/** `fieldOf` with the path already split (a grouping reads the same field of every item). */
function fieldAt(item: ResourceItem, parts: readonly string[]): string | undefined {
  let value: Value | undefined = item.record as Value | undefined;
  for (const part of parts) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Value>)[part] : undefined;
  }
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A grouping by one field of the record, absent values as "(none)". */
export function byField(id: string, label: string, path: string): SummaryGrouping {
  const parts = path.split('.');
  return { id, label, of: (item) => fieldAt(item, parts) ?? '(none)' };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The items by the month of their time (`2026-11`), oldest month first. */
export const byMonth: SummaryGrouping = { id: 'month', label: 'By month', of: (item) => item.time?.slice(0, 7), order: byText };

/** The items by the hour of their time (`2026-11-30T14`), in order. */
export const byHour: SummaryGrouping = { id: 'hour', label: 'By hour (UTC)', of: (item) => item.time && `${item.time.slice(0, 13)}:00Z`, order: byText };

/**
 * Sizes in powers of 2 from 1 KB: "0 B", "< 1 KB", "1 KB – 2 KB"… (log buckets, so a histogram of a billion objects is
 * a few dozen groups).
 */
export function sizeHistogram(size: (item: ResourceItem) => number | undefined): SummaryGrouping {
  const labels: string[] = [];
  return {
    id: 'size', label: 'By size',
    of: (item) => {
      const bytes = size(item);
      if (bytes === undefined) {
        return undefined;
      }
      if (bytes === 0) {
        return '0 B';
      }
      if (bytes < 1024) {
        return '< 1 KB';
      }
      // One label a power of 2, made once: a summary of a billion objects asks a billion times.
      const power = Math.floor(Math.log2(bytes));
      return (labels[power] ??= `${formatBytes(2 ** power)} – ${formatBytes(2 ** (power + 1))}`);
    },
    order: (a, b) => sizeRank(a) - sizeRank(b),
  };
}

function sizeRank(group: string): number {
  if (group === '0 B') {
    return -2;
  }
  if (group === '< 1 KB') {
    return -1;
  }
  const [number, unit] = group.split(' – ')[0].split(' ');
  return Number(number) * 1024 ** ['B', 'KB', 'MB', 'GB', 'TB', 'PB'].indexOf(unit);
}
