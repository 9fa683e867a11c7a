import * as vscode from 'vscode';
import { adders, addressOf, itemKindOf, kindOf } from '../core/services/registry';
import {
  failureContext, failureLabel, failureTooltip, itemContext, listContext, listDescription,
} from '../core/tree/rows';
import { type TreeModel } from '../core/tree/treeModel';
import { Interned } from '../core/interned';
import { type Connection } from '../core/aws/connection';
import { type Problem } from '../core/problems/problem';
import { type ConnectionRef } from '../connection/connectionManager';
import {
  type ConnectionNode, type FailureNode, type FavoritesNode, type ItemNode, type ListNode, type ListRole, type LoadMoreNode, type MessageNode, type TreeNode,
} from './nodes';
import { type ResourceItem } from '../core/lists';

// A row keeps its icon, context value and icon URI as long as it is shown: one instance of each for all rows alike.
const icons = new Interned<vscode.ThemeIcon>(1000);
const contexts = new Interned<string>(1000);
const iconUris = new Interned<vscode.Uri>(1000);

/** A codicon by the name a service gives it; `file` and `folder` are the file icon theme's, chosen by `resourceUri`. */
function themeIcon(name: string | undefined): vscode.ThemeIcon {
  switch (name) {
    case 'file':
      return vscode.ThemeIcon.File;
    case 'folder':
      return vscode.ThemeIcon.Folder;
    default: {
      const id = name ?? 'symbol-misc';
      return icons.get(id, () => new vscode.ThemeIcon(id));
    }
  }
}

const SPINNER = new vscode.ThemeIcon('loading~spin');

export const COMMANDS = {
  loadMore: 'pagedAwsExplorer.loadMore',
  retry: 'pagedAwsExplorer.retry',
  startOver: 'pagedAwsExplorer.startOver',
  refresh: 'pagedAwsExplorer.refresh',
} as const;

/** The tree item of any node: each type's builder below. */
export function treeItemOf(node: TreeNode, model: TreeModel, home: { readonly ref: ConnectionRef; readonly connection?: Connection; readonly problem?: Problem }): vscode.TreeItem {
  switch (node.type) {
    case 'connection':
      return connectionTreeItem(node, home.ref, home.connection, home.problem);
    case 'list':
      return listTreeItem(node, model);
    case 'item':
      return itemTreeItem(node, model);
    case 'favorites':
      return favoritesTreeItem(node);
    case 'loadMore':
      return loadMoreTreeItem(node);
    case 'failure':
      return failureTreeItem(node);
    case 'message':
      return messageTreeItem(node);
  }
}

const ROLE_NAMES: Readonly<Record<ListRole, () => string>> = {
  root: () => vscode.l10n.t('list'),
  derived: () => vscode.l10n.t('opened list'),
  companion: () => vscode.l10n.t('list'),
  favorite: () => vscode.l10n.t('favorite'),
};

/**
 * A list node: a top-level list, a list opened under another, or a favorite that is a list (named by its alias). Its
 * role leads its context value (`root`, `derived`, `favorite`), then the list's own tokens (see `listContext`).
 */
export function listTreeItem(node: ListNode, model: TreeModel): vscode.TreeItem {
  const snapshot = model.snapshot(node.list);
  const kind = kindOf(node.base);
  const filters = model.filtersOf(node.base);
  const item = new vscode.TreeItem(node.favorite?.alias ?? kind.title(node.base.params), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = listDescription(snapshot, node.base, filters);
  item.iconPath = snapshot.loadingAll ? SPINNER : themeIcon(kind.icon);
  item.tooltip = node.role === 'root' ? undefined : addressOf(node.base);
  const addable = node.role === 'root' && adders.some((adder) => adder.root === node.base.kind) ? ['addable'] : [];
  item.contextValue = [node.role, ...addable, ...listContext(snapshot, node.base, Object.keys(filters).length > 0)].join(' ');
  item.accessibilityInformation = { label: [item.label, item.description, ROLE_NAMES[node.role]()].filter(Boolean).join(', ') };
  return item;
}

/**
 * A connection, when there are several: `profile · region`, and the endpoint's host when it is custom; "default" for
 * the one the profile, region and endpoint settings make.
 */
export function connectionTreeItem(node: ConnectionNode, ref: ConnectionRef, connection: Connection | undefined, problem: Problem | undefined): vscode.TreeItem {
  const label = connection ? `${connection.profile} · ${connection.region}`
    : [ref.settings.profile ?? vscode.l10n.t('default profile'), ref.settings.region].filter(Boolean).join(' · ');
  const host = connection?.endpointUrl ? hostOf(connection.endpointUrl) : undefined;
  const item = new vscode.TreeItem(host ? `${label} · ${host}` : label, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = [ref.isDefault ? vscode.l10n.t('default') : undefined, problem ? vscode.l10n.t('not connected') : undefined].filter(Boolean).join(' · ') || undefined;
  item.iconPath = new vscode.ThemeIcon(problem ? 'warning' : 'cloud');
  item.tooltip = problem ? problem.message : connection?.endpointUrl ? `${label} (${connection.endpointUrl})` : label;
  item.contextValue = ['connection', ref.isDefault ? 'defaultConnection' : 'addedConnection'].join(' ');
  return item;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function favoritesTreeItem(node: FavoritesNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Favorites'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('star-full');
  item.contextValue = 'favorites';
  return item;
}

/**
 * A row of a listed item. A plain object of one shape, not a `vscode.TreeItem`: VS Code keeps every shown row's item
 * for as long as it is shown, and the class instance, with its properties added one by one, is larger.
 */
export function itemTreeItem(node: ItemNode, model: TreeModel): vscode.TreeItem {
  const { item: resource, base, list, favorite } = node;
  // join, not a template: it makes one flat string, where a template leaves a chain of pieces kept with the row.
  const own = resource.time ? (resource.description ? [resource.description, localTime(resource.time)].join(' · ') : localTime(resource.time)) : resource.description;
  // A favorite is shown by the name the user gave it; Copy Name still copies the resource's own.
  const label = favorite?.favorite.alias ?? favorite?.pin.item.name ?? resource.name;
  const kind = itemKindOf(resource.itemKind);
  let iconPath = themeIcon(kind?.icon);
  let description = own;
  const context = itemContext(resource, node.source, favorite !== undefined);
  if (base && list) {
    const snapshot = model.snapshot(list);
    const filters = model.filtersOf(base);
    description = listDescription(snapshot, base, filters, own);
    if (snapshot.loadingAll) {
      iconPath = SPINNER;
    }
    context.push(...listContext(snapshot, base, Object.keys(filters).length > 0));
  }
  const contextValue = context.join(' ');
  return {
    id: node.id,
    label,
    collapsibleState: base ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    iconPath,
    resourceUri: resourceUri(resource),
    description,
    contextValue: contexts.get(contextValue, () => contextValue),
    // The tooltip is left to resolveTreeItem: built on hover, not kept for every row.
    tooltip: undefined,
    command: resource.action ? { command: `pagedAwsExplorer.${resource.action}`, title: resource.name, arguments: [node.parent] } : undefined,
    accessibilityInformation: { label: [resource.name, description, kind?.noun].filter(Boolean).join(', ') },
  };
}

// One formatter each, made once: `toLocaleString(language, options)` builds a new ICU formatter on every call, which
// for a long list would be most of the extension host's time and native memory.
let formatters: { readonly language: string; readonly short: Intl.DateTimeFormat; readonly zoned: Intl.DateTimeFormat } | undefined;
function formatterFor(): NonNullable<typeof formatters> {
  const language = vscode.env.language;
  if (formatters?.language !== language) {
    formatters = {
      language,
      short: new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }),
      zoned: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'long' }),
    };
  }
  return formatters;
}

/** An instant in the UI's language and the local time zone, short: "12/1/26, 5:40 PM". */
export function localTime(iso: string): string {
  return formatterFor().short.format(new Date(iso));
}

/** The same with its time zone, for tooltips: "Dec 1, 2026, 5:40:00 PM GMT+1". */
function zonedTime(iso: string): string {
  return formatterFor().zoned.format(new Date(iso));
}

export function loadMoreTreeItem(node: LoadMoreNode): vscode.TreeItem {
  const kind = kindOf(node.list);
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = node.loading ? SPINNER : new vscode.ThemeIcon('ellipsis');
  item.description = node.loading ? vscode.l10n.t('loading…') : undefined;
  item.tooltip = vscode.l10n.t('Load the next page of {0} (the {1} of the last page loaded)', kind.itemNoun, kind.tokenFields.input);
  item.contextValue = 'loadMore';
  item.command = { command: COMMANDS.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
  item.accessibilityInformation = { label: vscode.l10n.t('Load more {0}', kind.itemNoun), role: 'button' };
  return item;
}

export function failureTreeItem(node: FailureNode): vscode.TreeItem {
  const item = new vscode.TreeItem(failureLabel(node.failure.problem), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.description = node.startOver ? vscode.l10n.t('click to start over') : vscode.l10n.t('click to retry');
  item.tooltip = failureTooltip(node.failure, node.startOver);
  item.contextValue = failureContext(node.startOver).join(' ');
  item.accessibilityInformation = { label: `${item.label}, ${item.description}`, role: 'button' };
  item.command = node.startOver
    ? { command: COMMANDS.startOver, title: vscode.l10n.t('Start Over'), arguments: [node] }
    : { command: COMMANDS.retry, title: vscode.l10n.t('Retry'), arguments: [node] };
  return item;
}

export function messageTreeItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  if (node.notice) {
    // Said once, not retried: the account cannot use this list as it is. The link says what would change that.
    item.iconPath = new vscode.ThemeIcon('info');
    item.tooltip = [node.label, `(${node.notice.detail})`, node.notice.link?.label].filter(Boolean).join('\n');
    if (node.notice.link) {
      item.description = node.notice.link.label;
      item.command = { command: 'vscode.open', title: node.notice.link.label, arguments: [vscode.Uri.parse(node.notice.link.url)] };
    }
    item.contextValue = 'notice';
    item.accessibilityInformation = { label: [node.label, item.description].filter(Boolean).join(', '), ...(node.notice.link ? { role: 'link' } : {}) };
    return item;
  }
  if (node.busy) {
    item.iconPath = SPINNER;
  } else if (node.problem) {
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = vscode.l10n.t('{0}\n({1})\nClick to try again.', node.problem.message, node.problem.detail);
    item.description = vscode.l10n.t('click to try again');
    item.command = { command: COMMANDS.refresh, title: vscode.l10n.t('Refresh') };
  }
  item.contextValue = node.problem ? 'failure' : 'message';
  item.accessibilityInformation = { label: [node.label, item.description].filter(Boolean).join(', '), ...(node.problem ? { role: 'button' } : {}) };
  return item;
}

/**
 * An item's tooltip, from what its list already returned (the record's fields): a hover sends no request, so it costs
 * no billed call and leaves no CloudTrail entry. Show Details is the one that asks the service.
 */
export function itemTooltip(resource: ResourceItem): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(resource.name)}**\n\n`);
  tooltip.appendMarkdown(`\`${(resource.ids?.[0]?.value ?? resource.id).replace(/`/g, '')}\`\n\n`);
  const rows: Array<[string, string]> = Object.entries(resource.record)
    .filter(([, value]) => value !== undefined && value !== null && typeof value !== 'object')
    .map(([name, value]) => [name, String(value)]);
  if (resource.time) {
    rows.push([vscode.l10n.t('local time'), zonedTime(resource.time)]);
  }
  if (rows.length) {
    tooltip.appendMarkdown('| | |\n|---|---|\n');
    for (const [name, value] of rows.slice(0, 14)) {
      tooltip.appendMarkdown(`| ${escapeMarkdown(name)} | ${escapeMarkdown(shorten(value))} |\n`);
    }
  }
  return tooltip;
}

/**
 * For rows with a file or folder icon, so the file icon theme can pick one. VS Code keeps a shown row's URI, so files
 * share one per extension (`report-0001.csv` and every other `.csv` get `/file.csv`, a name without one `/file`: the
 * theme's icons by extension, not those for a few exact names such as `package.json` or `Dockerfile`); folders keep
 * their own name.
 */
function resourceUri(resource: ResourceItem): vscode.Uri | undefined {
  const icon = itemKindOf(resource.itemKind)?.icon;
  if (icon !== 'file' && icon !== 'folder') {
    return undefined;
  }
  const dot = resource.name.lastIndexOf('.');
  const extension = dot > 0 && dot > resource.name.lastIndexOf('/') ? resource.name.slice(dot).toLowerCase() : '';
  const path = icon === 'file' ? `/file${extension}` : `/${resource.name}`;
  return iconUris.get(path, () => vscode.Uri.from({ scheme: 'paged-aws', path }));
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&').replace(/\n/g, ' ');
}
