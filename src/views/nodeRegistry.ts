import { listKey, type ListRef } from '../core/lists';
import { isListHolder, type ListHolder, type TreeNode } from './nodes';

/**
 * The tree's nodes by id. VS Code keeps a node's expansion and selection by identity, so a node drawn again is the same
 * instance with its fields brought up to date; each node that shows a list is known as an owner of that list, so a
 * change of the list redraws exactly the nodes that show it (a bucket can be both listed and a favorite).
 */
export class NodeRegistry {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly children = new Map<string, string[]>();
  private readonly owners = new Map<string, Set<ListHolder>>();
  /** Short keys of list nodes, for the ids of their rows that do not expand (see `shortKey`). */
  private readonly shortKeys = new Map<string, string>();

  /** `forgotten` hears of each node that leaves the tree (the redraw throttle forgets it). */
  constructor(private readonly forgotten: (node: TreeNode) => void) {}

  get(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /**
   * The node with `fresh`'s id, as `fresh` says it is now: the instance the tree already has (updated), else `fresh`.
   * A node that shows a list is registered as its owner, unless `owned` is false (a row whose list nobody opened).
   */
  place<T extends TreeNode>(fresh: T, owned = true): T {
    let node = this.nodes.get(fresh.id) as T | undefined;
    if (node && node.type === fresh.type) {
      this.disown(node);
      Object.assign(node as object, fresh);
    } else {
      node = fresh;
      this.nodes.set(fresh.id, fresh);
    }
    if (owned) {
      this.own(node);
    }
    return node;
  }

  /** Registers a node as an owner of the list it shows, so changes of that list redraw it. */
  own(node: TreeNode): void {
    if (isListHolder(node)) {
      const key = ownerKey(node.home, node.list);
      const owners = this.owners.get(key) ?? new Set<ListHolder>();
      owners.add(node);
      this.owners.set(key, owners);
    }
  }

  /** The nodes that show `list` in a connection's tree. */
  ownersOf(home: string, list: ListRef): Iterable<ListHolder> {
    return this.owners.get(ownerKey(home, list)) ?? [];
  }

  /**
   * A short key of a list node's id, for the ids of its rows that do not expand: VS Code keeps every shown row's id
   * twice (ours, its handle), and nothing of a leaf row outlives the window.
   */
  shortKey(id: string): string {
    let key = this.shortKeys.get(id);
    if (key === undefined) {
      key = `#${this.shortKeys.size}`;
      this.shortKeys.set(id, key);
    }
    return key;
  }

  /** Records a node's children and forgets the nodes that are no longer under it. */
  remember<T extends TreeNode>(parentId: string, nodes: T[]): T[] {
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

  /** Forgets every node: the tree is drawn anew from the top. */
  clear(): void {
    this.nodes.clear();
    this.children.clear();
    this.owners.clear();
  }

  private disown(node: TreeNode): void {
    if (isListHolder(node)) {
      const key = ownerKey(node.home, node.list);
      const owners = this.owners.get(key);
      owners?.delete(node);
      if (owners?.size === 0) {
        this.owners.delete(key);
      }
    }
  }

  private forget(id: string): void {
    const node = this.nodes.get(id);
    this.nodes.delete(id);
    if (node) {
      this.disown(node);
      this.forgotten(node);
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
