import { formatCount } from '../numbers';
import { type Problem } from '../problems/problem';
import { kindOf } from '../services/registry';
import { needsStartOver, type ListFailure, type ListSnapshot } from './treeModel';
import { type ItemDetails } from '../services/kind';
import { type ListRef, type Params, type ResourceItem } from '../lists';
import * as l10n from '@vscode/l10n';

/** One row under a list node, before it becomes a VS Code TreeItem. */
export type Row =
  | { readonly type: 'item'; readonly item: ResourceItem; readonly source: ListRef }
  | { readonly type: 'loadMore'; readonly list: ListRef; readonly token: string; readonly loading: boolean }
  | { readonly type: 'failure'; readonly list: ListRef; readonly failure: ListFailure; readonly startOver: boolean }
  /** The account cannot use the list (AWS Health without a support plan): said once, not retried. */
  | { readonly type: 'notice'; readonly list: ListRef; readonly problem: Problem }
  | { readonly type: 'loading'; readonly list: ListRef }
  | { readonly type: 'empty'; readonly list: ListRef };

/**
 * The rows under a list: its loaded items (each id once: an emulator or a changing listing can repeat one across
 * pages, and a tree cannot show two rows with one id), then "Load more…" holding the next token, the failure, or
 * "No items". An empty page that still has a token gives "Load more…", never "No items".
 */
export function rowsOf(snapshot: ListSnapshot, options: { readonly hasOtherRows?: boolean } = {}): Row[] {
  const { list } = snapshot;
  if (!snapshot.loaded) {
    if (snapshot.failure?.problem.kind === 'unavailable') {
      return [{ type: 'notice', list, problem: snapshot.failure.problem }];
    }
    if (snapshot.failure) {
      return [{ type: 'failure', list, failure: snapshot.failure, startOver: needsStartOver(snapshot.failure) }];
    }
    return snapshot.loading ? [{ type: 'loading', list }] : [];
  }
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const item of snapshot.items) {
    if (!seen.has(item.id)) {
      seen.add(item.id);
      rows.push({ type: 'item', item, source: list });
    }
  }
  if (snapshot.failure) {
    rows.push({ type: 'failure', list, failure: snapshot.failure, startOver: needsStartOver(snapshot.failure) });
  } else if (snapshot.nextToken !== undefined) {
    rows.push({ type: 'loadMore', list, token: snapshot.nextToken, loading: snapshot.loading });
  } else if (rows.length === 0 && !options.hasOtherRows) {
    rows.push({ type: 'empty', list });
  }
  return rows;
}

/** How many items a list node holds: `100 loaded · more` while pages remain, `103` when complete. */
export function countDescription(snapshot: ListSnapshot): string | undefined {
  if (!snapshot.loaded) {
    return snapshot.loading ? l10n.t('loading…') : undefined;
  }
  const count = formatCount(new Set(snapshot.items.map((item) => item.id)).size);
  if (snapshot.scanned !== undefined) {
    const scanned = formatCount(snapshot.scanned);
    return snapshot.nextToken !== undefined ? l10n.t('{0} scanned · {1} found · more', scanned, count) : l10n.t('{0} scanned · {1} found', scanned, count);
  }
  return snapshot.nextToken !== undefined ? l10n.t('{0} loaded · more', count) : count;
}

/** The description of a list node: its own description, its filters (`prefix: logs/`, `status: open`), and the count. */
export function listDescription(snapshot: ListSnapshot, base: ListRef, filters: Params, own?: string): string | undefined {
  const kind = kindOf(base);
  const shown = Object.entries(filters).map(([param, value]) => (param === kind.filterParam ? l10n.t('prefix: {0}', value) : `${kind.filterLabels?.[param] ?? param}: ${value}`));
  const parts = [own, ...shown, countDescription(snapshot), snapshot.note].filter(Boolean);
  return parts.length ? parts.join(' · ') : undefined;
}

/** What an empty list says: "No items", or its kind's own words. */
export function emptyLabel(list: ListRef): string {
  const own = kindOf(list).emptyLabel;
  return own ? l10n.t(own) : l10n.t('No items');
}

/** "Failed to load: <short reason>"; the full problem goes to the tooltip and the log. */
export function failureLabel(problem: Problem): string {
  return l10n.t('Failed to load: {0}', shortReason(problem.message));
}

export function failureTooltip(failure: ListFailure, startOver: boolean): string {
  const { problem, token } = failure;
  return [
    problem.message,
    `(${problem.detail})`,
    token === undefined ? l10n.t('Request: the first page.') : l10n.t('Request: the page after those loaded, with the token shown.'),
    startOver ? l10n.t('Click to start over from the first page.') : l10n.t('Click to retry the same page.'),
  ].join('\n');
}

function shortReason(message: string): string {
  const sentence = message.split(/(?<=[^.]{3})\.\s/)[0].replace(/\.$/, '');
  return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}

/** The call that describes an item, by the list it came from. */
export function detailsOf(source: ListRef, item: ResourceItem): ItemDetails | undefined {
  return kindOf(source).detailsOf?.(item);
}

/**
 * contextValue tokens of a node that shows a list (the package.json menus match them): the kind's id
 * (`ec2.instances`: a kind's list actions show on its nodes by it), whether it has more pages, can be filtered by
 * prefix, is filtered, and has a page in the AWS console.
 */
export function listContext(snapshot: ListSnapshot, base: ListRef, filtered: boolean): string[] {
  const kind = kindOf(base);
  return [
    'list',
    base.kind,
    snapshot.nextToken !== undefined && !needsStartOver(snapshot.failure) ? 'hasMore' : undefined,
    kind.filterParam !== undefined ? 'filterable' : undefined,
    filtered ? 'filtered' : undefined,
    kind.console?.list ? 'listConsole' : undefined,
    snapshot.note !== undefined ? 'noted' : undefined,
  ].filter((token): token is string => token !== undefined);
}

/** contextValue tokens of an item row. */
export function itemContext(item: ResourceItem, source: ListRef, favorite: boolean): string[] {
  return [
    'item',
    item.itemKind,
    detailsOf(source, item) ? 'hasDetails' : undefined,
    kindOf(source).console?.item ? 'itemConsole' : undefined,
    favorite ? 'favorite' : undefined,
  ].filter((token): token is string => token !== undefined);
}

export function failureContext(startOver: boolean): string[] {
  return startOver ? ['failure', 'refusedToken'] : ['failure'];
}
