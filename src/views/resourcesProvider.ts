import * as vscode from 'vscode';
import { connectionId, describeConnection, type Connection } from '../core/aws/connection';
import { describeProblem, type Problem } from '../core/problems/problem';
import { type ListRef } from '../core/services/kind';
import { listKey, rootLists } from '../core/services/registry';
import { type Pin } from '../core/tree/pins';
import { emptyLabel, rowsOf, type Row } from '../core/tree/rows';
import { type TreeModel } from '../core/tree/treeModel';
import { type ConnectionManager } from '../connection/connectionManager';
import { isListNode, type DerivedListNode, type ItemNode, type ListNode, type RootListNode, type TreeNode } from './nodes';
import { type PinStore } from './pinStore';
import {
  derivedTreeItem, failureTreeItem, itemTreeItem, loadMoreTreeItem, messageTreeItem, rootTreeItem,
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
  /** The nodes that show each list (a bucket can be both listed and pinned), by the key of the list as shown. */
  private readonly owners = new Map<string, Set<ListNode>>();
  private roots: RootListNode[] = [];
  private connection: Connection | undefined;
  private lastConnectionKey: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly model: TreeModel,
    private readonly connections: ConnectionManager,
    private readonly pins: PinStore,
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

  /** The node of a pin under its top-level list, created if the list was not drawn yet. */
  async pinNode(pin: Pin): Promise<ItemNode | undefined> {
    const root = await this.topNode(pin.root);
    if (!root) {
      return undefined;
    }
    this.changed.fire(root);
    return this.itemNode(root, pin.item, pin.source, pin);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'root':
        return rootTreeItem(node, this.model);
      case 'item':
        return itemTreeItem(node, this.model);
      case 'derived':
        return derivedTreeItem(node, this.model);
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
    if (!isListNode(node)) {
      return [];
    }
    await this.model.ensureLoaded(node.list);
    const pinned = node.type === 'root' && this.connection
      ? this.pins.list(this.connection).filter((pin) => pin.root === node.base.kind)
      : [];
    const derived = this.model.derivedOf(node.list);
    const rows = rowsOf(this.model.snapshot(node.list), { hasOtherRows: pinned.length + derived.length > 0 });
    return this.remember(node.id, [
      ...pinned.map((pin) => this.itemNode(node, pin.item, pin.source, pin)),
      ...derived.map((list) => this.derivedNode(node, list)),
      ...rows.map((row) => this.rowNode(node, row)),
    ]);
  }

  /** Fetches the item's details on hover, for its tooltip (GetTopicAttributes, HeadObject…). */
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
      // Another account or region: its filters and pins are not these.
      this.model.clear();
      for (const pin of this.pins.list(connection)) {
        if (pin.filter && pin.item.children) {
          this.model.setFilter(pin.item.children, pin.filter);
        }
      }
      this.lastConnectionKey = key;
    }
    this.roots = rootLists.map((base) => {
      const node = this.node<RootListNode>({ type: 'root', id: `root:${base.kind}`, parent: undefined, base, list: base });
      this.unown(node);
      node.list = this.model.withFilter(base);
      this.own(node);
      return node;
    });
    return this.roots;
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

  private itemNode(parent: ListNode, item: ItemNode['item'], source: ListRef, pin: Pin | undefined): ItemNode {
    // The item's id plus the node it is under: the same bucket can be listed and pinned, each with its own rows.
    const id = pin ? `pin:${pin.root}|${item.id}` : `${parent.id}|${item.id}`;
    const base = item.children;
    const list = base ? this.model.withFilter(base) : undefined;
    const node = this.node<ItemNode>({ type: 'item', id, parent, item, source, base, list, pin });
    this.unown(node);
    Object.assign(node, { parent, item, source, base, list, pin });
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
