import * as vscode from 'vscode';
import { connectionId, describeConnection, type Connection } from '../core/aws/connection';
import { scopeOf } from '../core/paging/pager';
import { describeProblem, type Problem } from '../core/problems/problem';
import { type ListRef } from '../core/services/kind';
import { addressOf, kindOf, listKey, rootLists } from '../core/services/registry';
import { favoriteView, sameFavorite, type Favorite } from '../core/tree/favorites';
import { emptyLabel, rowsOf, type Row } from '../core/tree/rows';
import { TreeModel } from '../core/tree/treeModel';
import { DEFAULT_CONNECTION, type ConnectionManager, type ConnectionRef } from '../connection/connectionManager';
import { type FavoritesStore } from './favoritesStore';
import { RefreshThrottle } from './refreshThrottle';
import {
  isListNode, type ConnectionNode, type DerivedListNode, type FavoriteListNode, type FavoritesNode, type ItemNode, type ListNode, type RootListNode,
  type TreeNode,
} from './nodes';
import {
  connectionTreeItem, derivedTreeItem, failureTreeItem, favoriteListTreeItem, favoritesTreeItem, itemTooltip, itemTreeItem, loadMoreTreeItem,
  messageTreeItem, rootTreeItem,
} from './treeItems';

/** What the top of the tree knows about the default connection; the view description and status bar show it. */
export interface ConnectionState {
  readonly connection?: Connection;
  readonly problem?: Problem;
  /** "profile · region", with "custom endpoint" when one is set. */
  readonly label: string;
  /** How many connections the tree shows side by side. */
  readonly count: number;
}

/** Missing credentials or an unknown profile: the welcome view (viewsWelcome) explains and offers a profile. */
const WELCOME_PROBLEMS = new Set<Problem['kind']>(['noCredentials', 'unknownProfile']);
export const CONNECTION_PROBLEM_CONTEXT = 'pagedAwsExplorer.connectionProblem';

/**
 * One connection in the tree: its own tree model (pages, tokens, filters, requests in flight), the connection as last
 * resolved, and its top nodes. Nothing of one connection is shared with another: the same bucket name in two
 * accounts is two lists.
 */
interface Home {
  readonly key: string;
  readonly model: TreeModel;
  connection?: Connection;
  problem?: Problem;
  /** The resolved connection's id the model's pages belong to: another one clears them. */
  loadedFor?: string;
  roots: RootListNode[];
  favoritesNode?: FavoritesNode;
  readonly subscriptions: Array<{ dispose(): void }>;
}

/**
 * Maps the tree models to VS Code: one node instance per id (so a refresh of one list keeps the expansion of the
 * others), and a refresh of exactly the node that shows a list when that list changes. With one connection the top of
 * the tree is its favorites and lists; with several, one node per connection holds them.
 */
export class ResourcesProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly connectionChanged = new vscode.EventEmitter<ConnectionState>();
  /** The default connection as the top of the tree last found it. */
  readonly onDidChangeConnectionState = this.connectionChanged.event;

  private readonly homes = new Map<string, Home>();
  private readonly nodes = new Map<string, TreeNode>();
  private readonly children = new Map<string, string[]>();
  /** The nodes that show each list (a bucket can be both listed and a favorite), by home and the list as shown. */
  private readonly owners = new Map<string, Set<ListNode>>();
  private connectionNodes: ConnectionNode[] = [];
  private readonly redraws = new RefreshThrottle<TreeNode>((node) => this.changed.fire(node));
  /** Short keys of list nodes, for the ids of their rows that do not expand (see itemNode). */
  private readonly shortKeys = new Map<string, string>();

  constructor(
    private readonly connections: ConnectionManager,
    private readonly favorites: FavoritesStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The tree model of a connection (the default one's when no key is given), made on first use. */
  modelOf(key: string = DEFAULT_CONNECTION): TreeModel {
    return this.home(key).model;
  }

  /** The connection a node belongs to; the default one for none (a command from the palette). */
  refOf(node: TreeNode | undefined): ConnectionRef {
    return (node && this.connections.ref(node.home)) ?? this.connections.refs()[0];
  }

  /** A connection as last resolved for the tree (the default one's when no key is given). */
  currentConnection(key: string = DEFAULT_CONNECTION): Connection | undefined {
    return this.homes.get(key)?.connection;
  }

  /** Everything again from the top, e.g. after connections were added or changed. */
  reloadAll(): void {
    this.nodes.clear();
    this.children.clear();
    this.owners.clear();
    this.connectionNodes = [];
    const keys = new Set(this.connections.refs().map((ref) => ref.key));
    for (const [key, home] of this.homes) {
      home.roots = [];
      home.favoritesNode = undefined;
      if (!keys.has(key)) {
        home.model.clear();
        home.subscriptions.forEach((subscription) => subscription.dispose());
        this.homes.delete(key);
      }
    }
    this.changed.fire(undefined);
  }

  /** Drops every page of every connection (its filters kept): the next expand loads again. */
  clearPages(): void {
    for (const home of this.homes.values()) {
      home.model.clear({ keepFilters: true });
      home.loadedFor = undefined;
    }
  }

  /** Re-reads a list node's filter and redraws it (after Filter by prefix / Clear filter). */
  refreshList(node: ListNode): void {
    this.unown(node);
    node.list = this.modelOf(node.home).withFilter(node.base);
    this.own(node);
    this.changed.fire(node);
  }

  rootNode(kind: string, key: string = DEFAULT_CONNECTION): RootListNode | undefined {
    return this.homes.get(key)?.roots.find((root) => root.base.kind === kind);
  }

  /** The node of a top-level list, drawing the top of the tree first if it was not yet. */
  async topNode(kind: string, key: string = DEFAULT_CONNECTION): Promise<RootListNode | undefined> {
    if (!this.homes.get(key)?.roots.length) {
      await this.topOf(key);
    }
    return this.rootNode(kind, key);
  }

  /**
   * The node of a favorite under its connection's Favorites, after the top is drawn again (Favorites appears with the
   * first one); undefined while the connection does not work.
   */
  async favoriteNode(favorite: Favorite, key: string = DEFAULT_CONNECTION): Promise<TreeNode | undefined> {
    this.changed.fire(undefined);
    await this.topOf(key);
    const group = this.homes.get(key)?.favoritesNode;
    if (!group) {
      return undefined;
    }
    return (await this.getChildren(group)).find((node) => {
      const shown = node.type === 'favorite' ? node.favorite : node.type === 'item' ? node.favorite?.favorite : undefined;
      return shown !== undefined && sameFavorite(shown, favorite);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.modelOf(node.home);
    switch (node.type) {
      case 'connection': {
        const home = this.homes.get(node.home);
        return connectionTreeItem(node, this.refOf(node), home?.connection, home?.problem);
      }
      case 'root':
        return rootTreeItem(node, model);
      case 'item':
        return itemTreeItem(node, model);
      case 'derived':
        return derivedTreeItem(node, model);
      case 'favorites':
        return favoritesTreeItem(node);
      case 'favorite':
        return favoriteListTreeItem(node, model);
      case 'loadMore':
        return loadMoreTreeItem(node);
      case 'failure':
        return failureTreeItem(node);
      case 'message':
        return messageTreeItem(node);
    }
  }

  /**
   * An item's tooltip, built when it is hovered (VS Code asks for undefined properties then): from what the list
   * returned, with no request. Built for every row up front, it would be kept twice per row (ours and VS Code's copy)
   * for rows nobody hovers.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.type === 'item' && item.tooltip === undefined) {
      item.tooltip = itemTooltip(node.item);
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return this.remember('', await this.topLevel());
    }
    if (node.type === 'connection') {
      return this.remember(node.id, await this.homeTop(this.refOf(node), node));
    }
    if (node.type === 'favorites') {
      return this.remember(node.id, this.favoriteNodes(node));
    }
    if (!isListNode(node)) {
      return [];
    }
    const model = this.modelOf(node.home);
    this.own(node);
    await model.ensureLoaded(node.list);
    const derived = model.derivedOf(node.list);
    const rows = rowsOf(model.snapshot(node.list), { hasOtherRows: derived.length > 0 });
    return this.remember(node.id, [
      ...derived.map((list) => this.derivedNode(node, list)),
      ...rows.map((row) => this.rowNode(node, row)),
    ]);
  }

  dispose(): void {
    for (const home of this.homes.values()) {
      home.subscriptions.forEach((subscription) => subscription.dispose());
    }
    this.redraws.dispose();
    this.changed.dispose();
    this.connectionChanged.dispose();
  }

  private home(key: string): Home {
    let home = this.homes.get(key);
    if (!home) {
      const model = new TreeModel({ clients: () => this.connections.session(this.connections.ref(key)), pageSize: () => this.connections.pageSize() });
      const made: Home = { key, model, roots: [], subscriptions: [] };
      made.subscriptions.push(
        model.onDidChange((list) => {
          const { items, loadingAll } = model.progressOf(list);
          for (const owner of this.owners.get(ownerKey(key, list)) ?? []) {
            this.redraws.changed(owner, items, loadingAll);
          }
        }),
        model.onDidFail((list, failure) => {
          this.log.error(`Failed to load ${kindOf(list).title(list.params)} (${addressOf(list)}, ${failure.token === undefined ? 'first page' : 'a later page'}): `
            + `${failure.problem.message} [${failure.problem.detail}]`);
        }),
        model.onDidResume((list, after) => {
          this.log.warn(`The service refused the ${kindOf(list).tokenFields.input} of ${addressOf(list)} (it may have expired); `
            + `loaded the page after ${JSON.stringify(after)}, the last row's ${kindOf(list).position?.input}, instead: no row is missing or repeated.`);
        }),
      );
      home = made;
      this.homes.set(key, home);
    }
    return home;
  }

  private async topLevel(): Promise<TreeNode[]> {
    const refs = this.connections.refs();
    if (refs.length === 1) {
      this.connectionNodes = [];
      return this.homeTop(refs[0], undefined);
    }
    // Several side by side: each resolves (and may fail) on its own, under its own node; the status bar shows the default.
    void this.resolve(refs[0], this.home(refs[0].key), undefined).catch(() => undefined);
    this.connectionNodes = refs.map((ref) => this.node<ConnectionNode>({ type: 'connection', id: `connection:${ref.key}`, parent: undefined, home: ref.key }));
    return this.connectionNodes;
  }

  /** Draws a connection's top (its favorites and lists) again, under its connection node when there are several. */
  private async topOf(key: string): Promise<void> {
    const ref = this.connections.ref(key);
    if (!ref) {
      return;
    }
    const parent = this.connectionNodes.find((node) => node.home === key);
    await this.homeTop(ref, parent);
  }

  /**
   * A connection's favorites and top-level lists, or its problem: an unknown profile, missing credentials, an expired
   * SSO session or a bad endpoint shows as its own row; the other connections keep working.
   */
  private async homeTop(ref: ConnectionRef, parent: ConnectionNode | undefined): Promise<TreeNode[]> {
    const home = this.home(ref.key);
    const { connection, problem } = await this.resolve(ref, home, parent);
    if (!connection || problem) {
      home.roots = [];
      home.favoritesNode = undefined;
      if (!problem || (!parent && WELCOME_PROBLEMS.has(problem.kind))) {
        return [];
      }
      return [this.node({ type: 'message', id: `${ref.key}/connection-problem`, parent, home: ref.key, label: `Failed to load: ${problem.message}`, problem })];
    }
    const id = connectionId(connection);
    if (home.loadedFor !== id) {
      // Another account or region for this connection: its pages, filters and favorites are not these.
      home.model.clear();
      home.loadedFor = id;
    }
    home.roots = rootLists.map((base) => {
      const node = this.node<RootListNode>({ type: 'root', id: `${ref.key}/root:${base.kind}`, parent, home: ref.key, base, list: base });
      this.unown(node);
      node.list = home.model.withFilter(base);
      this.own(node);
      return node;
    });
    const hasFavorites = this.favorites.list(connection).length > 0;
    home.favoritesNode = hasFavorites ? this.node<FavoritesNode>({ type: 'favorites', id: `${ref.key}/favorites`, parent, home: ref.key }) : undefined;
    return [...(home.favoritesNode ? [home.favoritesNode] : []), ...home.roots];
  }

  /**
   * The favorites of a connection: each as the item that owns its list (with that list's filter), or as the list
   * itself. A favorite that no longer reads (a kind of an older version) is left out, and said in the log.
   */
  private favoriteNodes(parent: FavoritesNode): TreeNode[] {
    const home = this.home(parent.home);
    const connection = home.connection;
    if (!connection) {
      return [];
    }
    const scope = scopeOf(connection);
    return this.favorites.list(connection).flatMap((favorite): TreeNode[] => {
      let view;
      try {
        view = favoriteView(favorite, scope);
      } catch (error) {
        this.log.warn(`Favorite ${favorite.address}: ${(error as Error).message}`);
        return [];
      }
      const id = `${parent.home}/favorite:${favorite.address}`;
      if (view.type === 'item') {
        const { pin } = view;
        if (pin.filter && pin.item.children && home.model.filterOf(pin.item.children) === undefined) {
          home.model.setFilter(pin.item.children, pin.filter);
        }
        return [this.itemNode(parent, pin.item, pin.source, { favorite, pin }, id)];
      }
      const node = this.node<FavoriteListNode>({ type: 'favorite', id, parent, home: parent.home, favorite, base: view.list, list: view.list });
      this.unown(node);
      Object.assign(node, { favorite, list: home.model.withFilter(view.list) });
      this.own(node);
      return [node];
    });
  }

  /** Resolves a connection and checks its credentials (no request); its state is kept for its node and the status bar. */
  private async resolve(ref: ConnectionRef, home: Home, parent: ConnectionNode | undefined): Promise<{ connection?: Connection; problem?: Problem }> {
    let connection: Connection | undefined;
    try {
      connection = await this.connections.connection(ref);
      await this.connections.checkCredentials(ref);
    } catch (error) {
      const settings = this.connections.settings(ref);
      const problem = describeProblem(error, { profile: connection?.profile ?? settings.profile, region: connection?.region });
      this.log.warn(`Connection ${connection ? describeConnection(connection) : settings.profile ?? 'default'}: ${problem.message} (${problem.detail})`);
      this.setState(ref, home, connection, problem, parent);
      return { connection, problem };
    }
    this.setState(ref, home, connection, undefined, parent);
    return { connection };
  }

  private setState(ref: ConnectionRef, home: Home, connection: Connection | undefined, problem: Problem | undefined, parent: ConnectionNode | undefined): void {
    // The node's label names the resolved connection (the profile's own endpoint too): redraw when that or the problem changes.
    const shown = (c: Connection | undefined, p: Problem | undefined): string => `${c ? connectionId(c) : ''}|${p?.message ?? ''}`;
    const before = shown(home.connection, home.problem);
    home.connection = problem ? undefined : connection;
    home.problem = problem;
    if (parent && before !== shown(home.connection, home.problem)) {
      this.changed.fire(parent);
    }
    if (!ref.isDefault) {
      return;
    }
    const settings = this.connections.settings(ref);
    const label = connection ? describeConnection(connection) : vscode.l10n.t('{0} · not connected', settings.profile ?? 'default');
    const welcome = !parent && problem !== undefined && WELCOME_PROBLEMS.has(problem.kind) && this.connections.refs().length === 1;
    void vscode.commands.executeCommand('setContext', CONNECTION_PROBLEM_CONTEXT, welcome);
    this.connectionChanged.fire({ connection, problem, label, count: this.connections.refs().length });
  }

  private rowNode(parent: ListNode, row: Row): TreeNode {
    const key = parent.id;
    const home = parent.home;
    switch (row.type) {
      case 'item':
        return this.itemNode(parent, row.item, row.source, undefined);
      case 'loadMore':
        return Object.assign(this.node({ type: 'loadMore', id: `more:${key}`, parent, home, list: row.list, token: row.token, loading: row.loading }),
          { parent, list: row.list, token: row.token, loading: row.loading });
      case 'failure':
        return Object.assign(this.node({ type: 'failure', id: `failure:${key}`, parent, home, list: row.list, failure: row.failure, startOver: row.startOver }),
          { parent, list: row.list, failure: row.failure, startOver: row.startOver });
      case 'loading':
        return this.node({ type: 'message', id: `loading:${key}`, parent, home, label: vscode.l10n.t('Loading…'), busy: true });
      case 'empty':
        return this.node({ type: 'message', id: `empty:${key}`, parent, home, label: emptyLabel(row.list) });
    }
  }

  private itemNode(parent: ListNode | FavoritesNode, item: ItemNode['item'], source: ListRef, favorite: ItemNode['favorite'], favoriteId?: string): ItemNode {
    // The item's id plus the node it is under: the same bucket can be listed and a favorite, each with its own rows.
    // A row that does not expand is named by a short key of its list node instead of that node's whole id: VS Code
    // keeps every shown row's id twice (ours, its handle), and nothing of a leaf row outlives the window.
    const id = favoriteId ?? [item.children ? parent.id : this.shortKey(parent.id), item.id].join('|'); // join: one flat string (see s3Uri)
    const model = this.modelOf(parent.home);
    const base = item.children;
    const list = base ? model.withFilter(base) : undefined;
    const node = this.node<ItemNode>({ type: 'item', id, parent, home: parent.home, item, source, base, list, favorite });
    this.unown(node);
    Object.assign(node, { parent, item, source, base, list, favorite });
    // Owned once its list has pages (it was expanded, or a command loaded it: getChildren owns it then): a list of
    // 5,000 topics does not keep 5,000 entries for subscription lists nobody opened.
    if (list && model.known(list)) {
      this.own(node);
    }
    return node;
  }

  private shortKey(id: string): string {
    let key = this.shortKeys.get(id);
    if (key === undefined) {
      key = `#${this.shortKeys.size}`;
      this.shortKeys.set(id, key);
    }
    return key;
  }

  /** The node of a list opened under `parent`, e.g. to reveal it once it is added. */
  derivedNode(parent: ListNode, list: ListRef): DerivedListNode {
    const node = this.node<DerivedListNode>({ type: 'derived', id: `derived:${parent.id}|${listKey(list)}`, parent, home: parent.home, under: parent.list, base: list, list });
    this.unown(node);
    Object.assign(node, { parent, under: parent.list, list: this.modelOf(parent.home).withFilter(list) });
    this.own(node);
    return node;
  }

  /** The node with this id if one exists (same instance, so VS Code keeps its state), else this one. */
  private node<T extends TreeNode>(fresh: T): T {
    const existing = this.nodes.get(fresh.id);
    if (existing && existing.type === fresh.type) {
      return existing as T;
    }
    this.nodes.set(fresh.id, fresh);
    return fresh;
  }

  private own(node: TreeNode): void {
    if (isListNode(node)) {
      const key = ownerKey(node.home, node.list);
      const owners = this.owners.get(key) ?? new Set<ListNode>();
      owners.add(node);
      this.owners.set(key, owners);
    }
  }

  private unown(node: TreeNode): void {
    if (isListNode(node)) {
      const key = ownerKey(node.home, node.list);
      const owners = this.owners.get(key);
      owners?.delete(node);
      if (owners?.size === 0) {
        this.owners.delete(key);
      }
    }
  }

  /** Records a node's children and forgets the nodes that are no longer under it. */
  private remember(parentId: string, nodes: TreeNode[]): TreeNode[] {
    const ids = nodes.map((node) => node.id);
    const kept = new Set(ids);
    for (const old of this.children.get(parentId) ?? []) {
      if (!kept.has(old)) {
        this.forget(old);
      }
    }
    this.children.set(parentId, ids);
    return nodes;
  }

  private forget(id: string): void {
    const node = this.nodes.get(id);
    this.nodes.delete(id);
    if (node) {
      this.unown(node);
      this.redraws.forget(node);
    }
    for (const child of this.children.get(id) ?? []) {
      this.forget(child);
    }
    this.children.delete(id);
  }
}

function ownerKey(home: string, list: ListRef): string {
  return `${home}\u0000${listKey(list)}`;
}
