import * as vscode from 'vscode';
import { connectionId, describeConnection, type Connection } from '../core/aws/connection';
import { describeProblem, type Problem } from '../core/problems/problem';
import { type ListRef } from '../core/services/kind';
import { listKey, rootLists } from '../core/services/registry';
import { favoriteView, sameFavorite, type Favorite } from '../core/tree/favorites';
import { scopeOf } from '../core/paging/pager';
import { emptyLabel, rowsOf, type Row } from '../core/tree/rows';
import { type TreeModel } from '../core/tree/treeModel';
import { type ConnectionManager } from '../connection/connectionManager';
import { type FavoritesStore } from './favoritesStore';
import {
  isListNode, type DerivedListNode, type FavoriteListNode, type FavoritesNode, type ItemNode, type ListNode, type RootListNode, type TreeNode,
} from './nodes';
import {
  derivedTreeItem, failureTreeItem, favoriteListTreeItem, favoritesTreeItem, itemTreeItem, loadMoreTreeItem, messageTreeItem, rootTreeItem,
} from './treeItems';

/** What the top of the tree knows about the connection; the view description and status bar show it. */
export interface ConnectionState {
  readonly connection?: Connection;
  readonly problem?: Problem;
  /** "profile · region", with "custom endpoint" when one is set. */
  readonly label: string;
}

/** Missing credentials or an unknown profile: the welcome view (viewsWelcome) explains and offers a profile. */
const WELCOME_PROBLEMS = new Set<Problem['kind']>(['noCredentials', 'unknownProfile']);
export const CONNECTION_PROBLEM_CONTEXT = 'pagedAwsExplorer.connectionProblem';

/**
 * Maps the tree model to VS Code: one node instance per id (so a refresh of one list keeps the expansion of the
 * others), and a refresh of exactly the node that shows a list when that list changes.
 */
export class ResourcesProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly connectionChanged = new vscode.EventEmitter<ConnectionState>();
  /** The connection as the top of the tree last found it. */
  readonly onDidChangeConnectionState = this.connectionChanged.event;

  private readonly nodes = new Map<string, TreeNode>();
  private readonly children = new Map<string, string[]>();
  /** The nodes that show each list (a bucket can be both listed and a favorite), by the key of the list as shown. */
  private readonly owners = new Map<string, Set<ListNode>>();
  private roots: RootListNode[] = [];
  private favoritesNode: FavoritesNode | undefined;
  private connection: Connection | undefined;
  private lastConnectionKey: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly model: TreeModel,
    private readonly connections: ConnectionManager,
    private readonly favorites: FavoritesStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const onChange = model.onDidChange((list) => {
      for (const owner of this.owners.get(listKey(list)) ?? []) {
        this.changed.fire(owner);
      }
    });
    this.subscriptions = [this.changed, this.connectionChanged, { dispose: () => onChange.dispose() }];
  }

  /** Everything again from the top, e.g. after the connection changed. */
  reloadAll(): void {
    this.nodes.clear();
    this.children.clear();
    this.owners.clear();
    this.roots = [];
    this.changed.fire(undefined);
  }

  /** Re-reads a list node's filter and redraws it (after Filter by prefix / Clear filter). */
  refreshList(node: ListNode): void {
    this.unown(node);
    node.list = this.model.withFilter(node.base);
    this.own(node);
    this.changed.fire(node);
  }

  /** The current connection, as last resolved for the top of the tree. */
  currentConnection(): Connection | undefined {
    return this.connection;
  }

  rootNode(kind: string): RootListNode | undefined {
    return this.roots.find((root) => root.base.kind === kind);
  }

  /** The node of a top-level list, drawing the top of the tree first if it was not yet. */
  async topNode(kind: string): Promise<RootListNode | undefined> {
    if (this.roots.length === 0) {
      await this.getChildren(undefined);
    }
    return this.rootNode(kind);
  }

  /**
   * The node of a favorite under Favorites, after the top of the tree is drawn again (Favorites appears with the first
   * one); undefined while the connection does not work.
   */
  async favoriteNode(favorite: Favorite): Promise<TreeNode | undefined> {
    this.changed.fire(undefined);
    await this.getChildren(undefined);
    const group = this.favoritesNode;
    if (!group) {
      return undefined;
    }
    return (await this.getChildren(group)).find((node) => {
      const shown = node.type === 'favorite' ? node.favorite : node.type === 'item' ? node.favorite?.favorite : undefined;
      return shown !== undefined && sameFavorite(shown, favorite);
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'root':
        return rootTreeItem(node, this.model);
      case 'item':
        return itemTreeItem(node, this.model);
      case 'derived':
        return derivedTreeItem(node, this.model);
      case 'favorites':
        return favoritesTreeItem(node);
      case 'favorite':
        return favoriteListTreeItem(node, this.model);
      case 'loadMore':
        return loadMoreTreeItem(node);
      case 'failure':
        return failureTreeItem(node);
      case 'message':
        return messageTreeItem(node);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      return this.remember('', await this.topLevel());
    }
    if (node.type === 'favorites') {
      return this.remember(node.id, this.favoriteNodes(node));
    }
    if (!isListNode(node)) {
      return [];
    }
    await this.model.ensureLoaded(node.list);
    const derived = this.model.derivedOf(node.list);
    const rows = rowsOf(this.model.snapshot(node.list), { hasOtherRows: derived.length > 0 });
    return this.remember(node.id, [
      ...derived.map((list) => this.derivedNode(node, list)),
      ...rows.map((row) => this.rowNode(node, row)),
    ]);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }

  private async topLevel(): Promise<TreeNode[]> {
    let connection: Connection | undefined;
    try {
      connection = await this.connections.connection();
      await this.connections.checkCredentials();
    } catch (error) {
      const problem = describeProblem(error, { profile: connection?.profile ?? this.connections.settings().profile, region: connection?.region });
      this.log.warn(`Connection: ${problem.message} (${problem.detail})`);
      this.setConnectionState(connection, problem);
      this.roots = [];
      if (WELCOME_PROBLEMS.has(problem.kind)) {
        return [];
      }
      return [this.node({ type: 'message', id: 'connection-problem', parent: undefined, label: `Failed to load: ${problem.message}`, problem })];
    }
    this.setConnectionState(connection, undefined);
    const key = connectionId(connection);
    if (this.lastConnectionKey !== key) {
      // Another account or region: its filters and favorites are not these.
      this.model.clear();
      this.lastConnectionKey = key;
    }
    this.roots = rootLists.map((base) => {
      const node = this.node<RootListNode>({ type: 'root', id: `root:${base.kind}`, parent: undefined, base, list: base });
      this.unown(node);
      node.list = this.model.withFilter(base);
      this.own(node);
      return node;
    });
    const hasFavorites = this.favorites.list(connection).length > 0;
    this.favoritesNode = hasFavorites ? this.node<FavoritesNode>({ type: 'favorites', id: 'favorites', parent: undefined }) : undefined;
    return [...(this.favoritesNode ? [this.favoritesNode] : []), ...this.roots];
  }

  /**
   * The favorites of the connection: each as the item that owns its list (with that list's filter), or as the list
   * itself. A favorite that no longer reads (a kind of an older version) is left out, and said in the log.
   */
  private favoriteNodes(parent: FavoritesNode): TreeNode[] {
    const connection = this.connection;
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
      const id = `favorite:${favorite.address}`;
      if (view.type === 'item') {
        const { pin } = view;
        if (pin.filter && pin.item.children && this.model.filterOf(pin.item.children) === undefined) {
          this.model.setFilter(pin.item.children, pin.filter);
        }
        return [this.itemNode(parent, pin.item, pin.source, { favorite, pin }, id)];
      }
      const node = this.node<FavoriteListNode>({ type: 'favorite', id, parent, favorite, base: view.list, list: view.list });
      this.unown(node);
      Object.assign(node, { favorite, list: this.model.withFilter(view.list) });
      this.own(node);
      return [node];
    });
  }

  private setConnectionState(connection: Connection | undefined, problem: Problem | undefined): void {
    this.connection = problem ? undefined : connection;
    const settings = this.connections.settings();
    const label = connection ? describeConnection(connection) : vscode.l10n.t('{0} · not connected', settings.profile ?? 'default');
    void vscode.commands.executeCommand('setContext', CONNECTION_PROBLEM_CONTEXT, problem !== undefined && WELCOME_PROBLEMS.has(problem.kind));
    this.connectionChanged.fire({ connection, problem, label });
  }

  private rowNode(parent: ListNode, row: Row): TreeNode {
    const key = parent.id;
    switch (row.type) {
      case 'item':
        return this.itemNode(parent, row.item, row.source, undefined);
      case 'loadMore':
        return Object.assign(this.node({ type: 'loadMore', id: `more:${key}`, parent, list: row.list, token: row.token, loading: row.loading }),
          { parent, list: row.list, token: row.token, loading: row.loading });
      case 'failure':
        return Object.assign(this.node({ type: 'failure', id: `failure:${key}`, parent, list: row.list, failure: row.failure, startOver: row.startOver }),
          { parent, list: row.list, failure: row.failure, startOver: row.startOver });
      case 'loading':
        return this.node({ type: 'message', id: `loading:${key}`, parent, label: vscode.l10n.t('Loading…'), busy: true });
      case 'empty':
        return this.node({ type: 'message', id: `empty:${key}`, parent, label: emptyLabel(row.list) });
    }
  }

  private itemNode(parent: ListNode | FavoritesNode, item: ItemNode['item'], source: ListRef, favorite: ItemNode['favorite'], favoriteId?: string): ItemNode {
    // The item's id plus the node it is under: the same bucket can be listed and a favorite, each with its own rows.
    const id = favoriteId ?? `${parent.id}|${item.id}`;
    const base = item.children;
    const list = base ? this.model.withFilter(base) : undefined;
    const node = this.node<ItemNode>({ type: 'item', id, parent, item, source, base, list, favorite });
    this.unown(node);
    Object.assign(node, { parent, item, source, base, list, favorite });
    this.own(node);
    return node;
  }

  /** The node of a list opened under `parent`, e.g. to reveal it once it is added. */
  derivedNode(parent: ListNode, list: ListRef): DerivedListNode {
    const node = this.node<DerivedListNode>({ type: 'derived', id: `derived:${parent.id}|${listKey(list)}`, parent, under: parent.list, base: list, list });
    this.unown(node);
    Object.assign(node, { parent, under: parent.list, list: this.model.withFilter(list) });
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
      const key = listKey(node.list);
      const owners = this.owners.get(key) ?? new Set<ListNode>();
      owners.add(node);
      this.owners.set(key, owners);
    }
  }

  private unown(node: TreeNode): void {
    if (isListNode(node)) {
      const key = listKey(node.list);
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
    }
    for (const child of this.children.get(id) ?? []) {
      this.forget(child);
    }
    this.children.delete(id);
  }
}
