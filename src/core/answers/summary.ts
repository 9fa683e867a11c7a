import { ExactNumber, type ResourceItem } from '../lists';
import { type ListSummary, type SummaryGrouping } from './summaryFacet';

// Summarize…: every page of a list added up once, in memory bounded by the number of groups, never by the number of
// items. A summary of ten million keys holds its counters, at most `groupCap` groups a grouping, and three lists of
// `top` items; it is plain JSON, so it is checkpointed after every page and resumed.

export interface SummaryLimits {
  /** The largest, newest and oldest items kept: this many each. */
  readonly top: number;
  /** Groups a grouping keeps; the items of any other group are counted in "other". */
  readonly groupCap: number;
}

export const DEFAULT_LIMITS: SummaryLimits = { top: 100, groupCap: 10_000 };

export interface GroupTotals {
  count: number;
  bytes: number;
}

/** A grouping's totals: its groups (insertion order), and those past the cap folded together. */
export interface GroupingState {
  readonly groups: Record<string, GroupTotals>;
  /** The items of groups past the cap, together ("other"). */
  other?: GroupTotals;
  groupCount: number;
}

/** An item of a top list, with the value it ranks by. */
export interface Ranked {
  readonly value: number | string;
  readonly item: ResourceItem;
}

/** The running state of a summary: JSON, so a checkpoint holds it as it is (see `toJson`). */
export interface SummaryState {
  items: number;
  /** Total bytes, where the kind gives items a size. */
  bytes?: number;
  /** The instants of the oldest and newest items, where rows carry a time. */
  first?: string;
  last?: string;
  readonly groupings: Record<string, GroupingState>;
  /** Largest first (ties: id in byte order), newest first, oldest first. */
  readonly largest: Ranked[];
  readonly newest: Ranked[];
  readonly oldest: Ranked[];
}

export function newSummary(facet: ListSummary | undefined): SummaryState {
  return {
    items: 0,
    ...(facet?.size ? { bytes: 0 } : {}),
    groupings: Object.fromEntries((facet?.groupings ?? []).map((grouping) => [grouping.id, { groups: Object.create(null) as Record<string, GroupTotals>, groupCount: 0 }])),
    largest: [], newest: [], oldest: [],
  };
}

/** Adds one page's items to `state` (in place). */
export function addItems(state: SummaryState, facet: ListSummary | undefined, items: readonly ResourceItem[], limits: SummaryLimits): void {
  const groupings = facet?.groupings ?? [];
  for (const item of items) {
    if (item.action) {
      continue; // A row that is a command ("Search…"), not a resource.
    }
    state.items++;
    const size = facet?.size?.(item);
    if (size !== undefined && state.bytes !== undefined) {
      state.bytes += size;
      keepTop(state.largest, { value: size, item }, limits.top, largestFirst);
    }
    if (item.time) {
      if (state.first === undefined || item.time < state.first) {
        state.first = item.time;
      }
      if (state.last === undefined || item.time > state.last) {
        state.last = item.time;
      }
      keepTop(state.newest, { value: item.time, item }, limits.top, newestFirst);
      keepTop(state.oldest, { value: item.time, item }, limits.top, oldestFirst);
    }
    for (const grouping of groupings) {
      addToGroup(state.groupings[grouping.id], grouping, item, size ?? 0, limits.groupCap);
    }
  }
}

function addToGroup(state: GroupingState, grouping: SummaryGrouping, item: ResourceItem, size: number, cap: number): void {
  const key = grouping.of(item);
  if (key === undefined) {
    return;
  }
  let totals = state.groups[key];
  if (!totals) {
    if (state.groupCount >= cap) {
      state.other ??= { count: 0, bytes: 0 };
      state.other.count++;
      state.other.bytes += size;
      return;
    }
    totals = state.groups[key] = { count: 0, bytes: 0 };
    state.groupCount++;
  }
  totals.count++;
  totals.bytes += size;
}

const byId = (a: Ranked, b: Ranked) => (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0);
const largestFirst = (a: Ranked, b: Ranked) => (b.value as number) - (a.value as number) || byId(a, b);
const newestFirst = (a: Ranked, b: Ranked) => (a.value > b.value ? -1 : a.value < b.value ? 1 : byId(a, b));
const oldestFirst = (a: Ranked, b: Ranked) => (a.value < b.value ? -1 : a.value > b.value ? 1 : byId(a, b));

/**
 * Keeps the `top` first entries of `list` in `order`: an entry that would come after the last one of a full list is
 * dropped at once (the common case), otherwise it is put in place by binary search. Equal entries (the same item twice)
 * are kept once.
 */
function keepTop(list: Ranked[], entry: Ranked, top: number, order: (a: Ranked, b: Ranked) => number): void {
  if (top <= 0 || (list.length >= top && order(entry, list[list.length - 1]) >= 0)) {
    return;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(list[middle], entry) < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (low < list.length && order(list[low], entry) === 0) {
    return;
  }
  list.splice(low, 0, entry);
  if (list.length > top) {
    list.pop();
  }
}

/** A grouping's groups as the summary shows them: in the grouping's order, or by count, most first (ties by name). */
export function sortedGroups(state: GroupingState, grouping: SummaryGrouping | undefined): Array<[string, GroupTotals]> {
  const entries = Object.entries(state.groups);
  const order = grouping?.order;
  return entries.sort(order ? (a, b) => order(a[0], b[0]) : (a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** JSON text of a summary or a checkpoint holding one: exact numbers (a DynamoDB item's) as `{"$exact": "…"}`. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (field instanceof ExactNumber ? { $exact: field.text } : field));
}

/** `toJsonText` read back. A summary in it is made whole again with `revived`. */
export function fromJsonText(text: string): unknown {
  return JSON.parse(text, (_key, field: unknown) => {
    const exact = field as { $exact?: unknown } | null;
    return exact !== null && typeof exact === 'object' && typeof exact.$exact === 'string' && Object.keys(exact).length === 1 ? new ExactNumber(exact.$exact) : field;
  });
}

/** A summary state read from JSON, its groups keyed without a prototype again (a group may be called `__proto__`). */
export function revived(state: SummaryState): SummaryState {
  for (const grouping of Object.values(state.groupings)) {
    Object.setPrototypeOf(grouping.groups, null);
  }
  return state;
}
