import * as vscode from 'vscode';
import { listKey, type ListRef, type ResourceItem } from '../core/lists';
import { sameFavorite, type Favorite } from '../core/tree/favorites';
import { emptyLabel, rowsOf, type Row } from '../core/tree/rows';
import { type ConnectionManager, type ConnectionRef } from '../connection/connectionManager';
import { type ConnectionHomes } from './connectionHomes';
import { NodeRegistry } from './nodeRegistry';
import { isListHolder, type ConnectionNode, type FavoritesNode, type ItemNode, type ListHolder, type ListNode, type TreeNode } from './nodes';
import { RefreshThrottle } from './refreshThrottle';
import { itemTooltip, treeItemOf } from './treeItems';

/**
 * The Resources tree for VS Code: builds each node's children from its connection's tree model, one node instance per
 * id (so a refresh of one list keeps the expansion of the others), and redraws exactly the nodes that show a list
 * when that list changes. With one connection the top of the tree is its favorites and lists; with several, one node
 * per connection holds them.
 */
export class ResourcesProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly redraws = new RefreshThrottle<TreeNode>((node) => this.changed.fire(node));
  private readonly nodes = new NodeRegistry((node) => this.redraws.forget(node));
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager, private readonly homes: ConnectionHomes) {
    this.subscription = homes.onDidChangeList(({ home, list }) => {
      const { items, loadingAll } = homes.model(home).progressOf(list);
      for (const owner of this.nodes.ownersOf(home, list)) {
        this.redraws.changed(owner, items, loadingAll);
      }
    });
  }

  /** The connection a node belongs to; the default one for none (a command from the palette). */
  refOf(node: Pick<TreeNode, 'home'> | undefined): ConnectionRef {
    return (node && this.connections.ref(node.home)) ?? this.connections.refs()[0];
  }

  /** Everything again from the top, e.g. after connections or favorites changed. */
  reloadAll(): void {
    this.nodes.clear();
    this.homes.keepOnly(new Set(this.connections.refs().map((ref) => ref.key)));
    this.homes.favoritesChanged();
    this.changed.fire(undefined);
  }

  /** Re-reads a list node's filters and redraws it (after Filter by…, Clear Filter). */
  refreshList(node: ListHolder): void {
    this.nodes.place({ ...node, list: this.homes.model(node.home).withFilter(node.base) } as ListHolder);
    this.changed.fire(node);
  }

  /** The node of a top-level list, drawing the top of the tree first if it was not yet. */
  async topNode(kind: string, key: string = this.connections.refs()[0].key): Promise<ListNode | undefined> {
    const id = rootId(key, kind);
    if (!this.nodes.get(id)) {
      await this.topOf(key);
    }
    const node = this.nodes.get(id);
    return node?.type === 'list' ? node : undefined;
  }

  /**
   * The node of a favorite under its connection's Favorites, after the top is drawn again (Favorites appears with the
   * first one); undefined while the connection does not work.
   */
  async favoriteNode(favorite: Favorite, key: string = this.connections.refs()[0].key): Promise<TreeNode | undefined> {
    this.homes.favoritesChanged();
    this.changed.fire(undefined);
    await this.topOf(key);
    const group = this.nodes.get(`${key}/favorites`);
    if (group?.type !== 'favorites') {
      return undefined;
    }
    return (await this.getChildren(group)).find((node) => {
      const shown = node.type === 'list' ? node.favorite : node.type === 'item' ? node.favorite?.favorite : undefined;
      return shown !== undefined && sameFavorite(shown, favorite);
    });
  }

  /** The node of a list opened under `parent` (e.g. to reveal it once it is added), or shown above its rows. */
  derivedNode(parent: ListHolder, list: ListRef, role: 'derived' | 'companion' = 'derived'): ListNode {
    return this.nodes.place<ListNode>({
      type: 'list', role, id: `${role}:${parent.id}|${listKey(list)}`, parent, home: parent.home, under: parent.list, base: list,
      list: this.homes.model(parent.home).withFilter(list),
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItemOf(node, this.homes.model(node.home), { ref: this.refOf(node), connection: this.homes.connection(node.home), problem: this.homes.problem(node.home) });
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
      return this.nodes.remember('', await this.topLevel());
    }
    if (node.type === 'connection') {
      return this.nodes.remember(node.id, await this.connectionTop(this.refOf(node), node));
    }
    if (node.type === 'favorites') {
      return this.nodes.remember(node.id, this.favoriteNodes(node));
    }
    if (!isListHolder(node)) {
      return [];
    }
    const model = this.homes.model(node.home);
    this.nodes.own(node);
    const [, companions] = await Promise.all([model.ensureLoaded(node.list), model.companionsOf(node.list)]);
    const derived = model.derivedOf(node.list);
    const rows = rowsOf(model.snapshot(node.list), { hasOtherRows: derived.length + companions.length > 0 });
    return this.nodes.remember(node.id, [
      ...companions.map((list) => this.derivedNode(node, list, 'companion')),
      ...derived.map((list) => this.derivedNode(node, list)),
      ...rows.map((row) => this.rowNode(node, row)),
    ]);
  }

  dispose(): void {
    this.subscription.dispose();
    this.redraws.dispose();
    this.changed.dispose();
  }

  private async topLevel(): Promise<TreeNode[]> {
    const refs = this.connections.refs();
    if (refs.length === 1) {
      return this.connectionTop(refs[0], undefined);
    }
    // Several side by side: each resolves (and may fail) on its own, under its own node; the status bar shows the default.
    void this.homes.resolve(refs[0], false).catch(() => undefined);
    return refs.map((ref) => this.nodes.place<ConnectionNode>({ type: 'connection', id: `connection:${ref.key}`, parent: undefined, home: ref.key }));
  }

  /** Draws a connection's top (its favorites and lists) again, under its connection node when there are several. */
  private async topOf(key: string): Promise<void> {
    const ref = this.connections.ref(key);
    if (ref) {
      const parent = this.nodes.get(`connection:${key}`);
      await this.connectionTop(ref, parent?.type === 'connection' ? parent : undefined);
    }
  }

  /**
   * A connection's favorites and top-level lists, or its problem: an unknown profile, missing credentials, an expired
   * SSO session or a bad endpoint shows as its own row; the other connections keep working.
   */
  private async connectionTop(ref: ConnectionRef, parent: ConnectionNode | undefined): Promise<TreeNode[]> {
    const { connection, problem, changed } = await this.homes.resolve(ref, parent === undefined && this.connections.refs().length === 1);
    if (parent && changed) {
      // The node's label names the resolved connection (the profile's own endpoint too).
      this.changed.fire(parent);
    }
    if (!connection || problem) {
      if (!problem || (!parent && this.homes.isWelcomeProblem(problem))) {
        return [];
      }
      return [this.nodes.place({ type: 'message', id: `${ref.key}/connection-problem`, parent, home: ref.key, label: `Failed to load: ${problem.message}`, problem })];
    }
    const model = this.homes.model(ref.key);
    const roots = (await this.homes.rootsOf(ref)).map((base) => this.nodes.place<ListNode>({
      type: 'list', role: 'root', id: rootId(ref.key, base.kind), parent, home: ref.key, base, list: model.withFilter(base),
    }));
    const favorites = this.homes.favorites(ref.key).length > 0
      ? [this.nodes.place<FavoritesNode>({ type: 'favorites', id: `${ref.key}/favorites`, parent, home: ref.key })]
      : [];
    return [...favorites, ...roots];
  }

  /** The favorites of a connection: each as the item that owns its list (with that list's filter), or as the list itself. */
  private favoriteNodes(parent: FavoritesNode): TreeNode[] {
    const model = this.homes.model(parent.home);
    return this.homes.favorites(parent.home).map(({ favorite, view }): TreeNode => {
      const id = `${parent.home}/favorite:${favorite.address}`;
      if (view.type === 'item') {
        return this.itemNode(parent, view.pin.item, view.pin.source, { favorite, pin: view.pin }, id);
      }
      return this.nodes.place<ListNode>({ type: 'list', role: 'favorite', id, parent, home: parent.home, favorite, base: view.list, list: model.withFilter(view.list) });
    });
  }

  private rowNode(parent: ListHolder, row: Row): TreeNode {
    const key = parent.id;
    const home = parent.home;
    switch (row.type) {
      case 'item':
        return this.itemNode(parent, row.item, row.source, undefined);
      case 'loadMore':
        return this.nodes.place({ type: 'loadMore', id: `more:${key}`, parent, home, list: row.list, token: row.token, loading: row.loading });
      case 'failure':
        return this.nodes.place({ type: 'failure', id: `failure:${key}`, parent, home, list: row.list, failure: row.failure, startOver: row.startOver });
      case 'notice':
        return this.nodes.place({
          type: 'message', id: `notice:${key}`, parent, home, label: row.problem.message,
          notice: { detail: row.problem.detail, ...(row.problem.link ? { link: row.problem.link } : {}) },
        });
      case 'loading':
        return this.nodes.place({ type: 'message', id: `loading:${key}`, parent, home, label: vscode.l10n.t('Loading…'), busy: true });
      case 'empty':
        return this.nodes.place({ type: 'message', id: `empty:${key}`, parent, home, label: emptyLabel(row.list) });
    }
  }

  private itemNode(parent: ListHolder | FavoritesNode, item: ResourceItem, source: ListRef, favorite: ItemNode['favorite'], favoriteId?: string): ItemNode {
    // The item's id plus the node it is under: the same bucket can be listed and a favorite, each with its own rows.
    // A row that does not expand is named by a short key of its list node instead of that node's whole id.
    const id = favoriteId ?? [item.children ? parent.id : this.nodes.shortKey(parent.id), item.id].join('|'); // join: one flat string (see s3Uri)
    const model = this.homes.model(parent.home);
    const base = item.children;
    const list = base ? model.withFilter(base) : undefined;
    // Owned once its list has pages (it was expanded, or a command loaded it: getChildren owns it then): a list of
    // 5,000 topics does not keep 5,000 entries for subscription lists nobody opened.
    return this.nodes.place<ItemNode>({ type: 'item', id, parent, home: parent.home, item, source, base, list, favorite }, list !== undefined && model.known(list));
  }
}

function rootId(home: string, kind: string): string {
  return `${home}/root:${kind}`;
}
