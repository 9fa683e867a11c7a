import { formatBytes, formatCount } from '../numbers';
import { createFormatWriter } from '../records/formats';
import { type ExportRecord, type ResourceItem } from '../lists';
import { addressOf, kindOf } from '../services/registry';
import { sortedGroups, type GroupTotals, type Ranked } from './summary';
import { type SummaryResult } from './summaryRun';

// A finished summary as a document: JSON for scripts (`--json`, Save as JSON), aligned text for a terminal and
// Markdown for Copy as Markdown. Groups in each grouping's order; top lists as the items' own records.

export interface SummaryDocument {
  /** The list's address (`s3://bucket/prefix/`). */
  readonly list: string;
  readonly itemNoun: string;
  readonly asOf: string;
  readonly items: number;
  readonly pages: number;
  readonly bytes?: number;
  readonly oldestTime?: string;
  readonly newestTime?: string;
  readonly groupings: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly groups: ReadonlyArray<{ readonly name: string; readonly count: number; readonly bytes?: number }>;
    /** Items of the groups past the cap, together. */
    readonly other?: { readonly count: number; readonly bytes?: number };
  }>;
  readonly largest?: readonly TopRow[];
  readonly newest?: readonly TopRow[];
  readonly oldest?: readonly TopRow[];
}

/** An item of a top list: its record as an export writes it (the API's names). */
export interface TopRow {
  readonly name: string;
  readonly record: ExportRecord;
}

/** The document of a finished summary; `by` keeps only the groupings named (by id), in its order. */
export function summaryDocument(result: SummaryResult, by?: readonly string[]): SummaryDocument {
  const { job, state } = result;
  const kind = kindOf(job.list);
  const sized = state.bytes !== undefined;
  const totals = (t: GroupTotals) => ({ count: t.count, ...(sized ? { bytes: t.bytes } : {}) });
  const rows = (list: readonly Ranked[]) => list.map(({ item }) => topRow(item));
  return {
    list: addressOf(job.list), itemNoun: kind.itemNoun, asOf: job.asOf, items: state.items, pages: result.pages,
    ...(sized ? { bytes: state.bytes } : {}),
    ...(state.first ? { oldestTime: state.first, newestTime: state.last } : {}),
    // In the order asked for (`--by month,folder`), else the kind's.
    groupings: (by ? by.flatMap((id) => kind.summary?.groupings.filter((grouping) => grouping.id === id) ?? []) : kind.summary?.groupings ?? []).map((grouping) => {
      const grouped = state.groupings[grouping.id];
      return {
        id: grouping.id, label: grouping.label,
        groups: sortedGroups(grouped, grouping).map(([name, t]) => ({ name, ...totals(t) })),
        ...(grouped.other ? { other: totals(grouped.other) } : {}),
      };
    }),
    ...(sized ? { largest: rows(state.largest) } : {}),
    ...(state.first ? { newest: rows(state.newest), oldest: rows(state.oldest) } : {}),
  };
}

function topRow(item: ResourceItem): TopRow {
  return { name: item.name, record: item.record ?? { id: item.id } };
}

/** Columns padded to their widest cell; numbers to the right. */
function aligned(header: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly boolean[]): string[] {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (row: readonly string[]) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/** `part` as a percentage of `whole`, one decimal ("12.5%"); nothing of nothing. */
export const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '');

/** The summary as text for a terminal: the totals, then a table per grouping, then the top lists. */
export function summaryText(doc: SummaryDocument): string {
  const sized = doc.bytes !== undefined;
  const out: string[] = [
    `${doc.list}: ${formatCount(doc.items)} ${doc.itemNoun}${sized ? `, ${formatBytes(doc.bytes!)} (${formatCount(doc.bytes!)} bytes)` : ''}, ${formatCount(doc.pages)} pages, as of ${doc.asOf}`,
  ];
  if (doc.oldestTime) {
    out.push(`Oldest ${doc.oldestTime}, newest ${doc.newestTime}`);
  }
  for (const grouping of doc.groupings) {
    const rows = grouping.groups.map((g) => [g.name, formatCount(g.count), share(g.count, doc.items), ...(sized ? [formatBytes(g.bytes ?? 0), share(g.bytes ?? 0, doc.bytes!)] : [])]);
    if (grouping.other) {
      rows.push([`other (groups past the first ${formatCount(grouping.groups.length)})`, formatCount(grouping.other.count), share(grouping.other.count, doc.items),
        ...(sized ? [formatBytes(grouping.other.bytes ?? 0), share(grouping.other.bytes ?? 0, doc.bytes!)] : [])]);
    }
    out.push('', grouping.label, ...aligned([grouping.id, doc.itemNoun, '%', ...(sized ? ['size', '%'] : [])], rows, [false, true, true, true, true]));
  }
  const top = (title: string, rows: readonly TopRow[] | undefined, value: (row: TopRow) => string) => {
    if (rows?.length) {
      out.push('', `${title} ${formatCount(rows.length)}`, ...aligned(['name', ''], rows.map((row) => [row.name, value(row)]), [false, true]));
    }
  };
  top('Largest', doc.largest, (row) => formatBytes(Number(row.record.Size ?? 0)));
  top('Newest', doc.newest, (row) => timeOf(row));
  top('Oldest', doc.oldest, (row) => timeOf(row));
  return out.join('\n');
}

/** The time a top row was ranked by, as its record names it. */
export function timeOf(row: TopRow): string {
  const { record } = row;
  const value = record.LastModified ?? record.LaunchTime ?? record.startTime ?? record.timestampIso ?? record.LastReportedAt ?? record.creationTimeIso ?? '';
  return String(value);
}

/** The summary as Markdown tables (Copy as Markdown). */
export function summaryMarkdown(doc: SummaryDocument): string {
  const sized = doc.bytes !== undefined;
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>) =>
    [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
  const out = [`# Summary of ${cell(doc.list)}`, '', `${formatCount(doc.items)} ${doc.itemNoun}${sized ? `, ${formatBytes(doc.bytes!)}` : ''}, as of ${doc.asOf}.`];
  for (const grouping of doc.groupings) {
    const rows = grouping.groups.map((g) => [g.name, formatCount(g.count), ...(sized ? [formatBytes(g.bytes ?? 0)] : [])]);
    if (grouping.other) {
      rows.push(['other', formatCount(grouping.other.count), ...(sized ? [formatBytes(grouping.other.bytes ?? 0)] : [])]);
    }
    out.push('', `## ${grouping.label}`, '', table([grouping.id, doc.itemNoun, ...(sized ? ['size'] : [])], rows));
  }
  if (doc.largest?.length) {
    out.push('', `## Largest ${doc.largest.length}`, '', table(['name', 'size'], doc.largest.map((row) => [row.name, formatBytes(Number(row.record.Size ?? 0))])));
  }
  return `${out.join('\n')}\n`;
}

/** The groups as CSV (Save as CSV…): grouping, group, count and bytes, every group, written as an export writes CSV. */
export function summaryCsv(doc: SummaryDocument): string {
  const writer = createFormatWriter('csv', { columns: ['grouping', 'group', 'count', 'bytes'] });
  const rows: ResourceItem[] = doc.groupings.flatMap((grouping) => [
    ...grouping.groups.map((g) => ({ name: g.name, count: g.count, bytes: g.bytes })),
    ...(grouping.other ? [{ name: 'other', count: grouping.other.count, bytes: grouping.other.bytes }] : []),
  ].map((g) => ({
    id: `${grouping.id}/${g.name}`, name: g.name, itemKind: 'summaryGroup',
    record: { grouping: grouping.id, group: g.name, count: g.count, ...(g.bytes === undefined ? {} : { bytes: g.bytes }) },
  })));
  return writer.start() + writer.page(rows, 0) + writer.end(rows.length);
}
