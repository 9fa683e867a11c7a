import type { Problem } from '../core/problems/problem';
import type { ListRef, ResourceItem } from '../core/services/kind';
import type { Favorite } from '../core/tree/favorites';
import type { Pin } from '../core/tree/pins';
import type { ListFailure } from '../core/tree/treeModel';

// The elements of the Resources tree. Commands receive them as their first argument: a node that shows a list
// has `list` (the list exactly as shown, prefix filter included), an item node has `item`. Every node has `home`:
// the key of the connection it belongs to (see ConnectionRef), whose session and tree model serve it.

/** A connection, when there are several side by side: its lists, its favorites, or its error. */
export interface ConnectionNode {
  readonly type: 'connection';
  readonly id: string;
  readonly parent: undefined;
  readonly home: string;
}

/** A top-level list: "SNS Topics", "S3 Buckets"; under its connection when there are several. */
export interface RootListNode {
  readonly type: 'root';
  readonly id: string;
  readonly home: string;
  readonly parent: ConnectionNode | undefined;
  /** The list without its prefix filter. */
  readonly base: ListRef;
  /** The list as shown. */
  list: ListRef;
}

/** A resource; when it has children (topic, bucket, folder) it is a list node too. */
export interface ItemNode {
  readonly type: 'item';
  readonly id: string;
  readonly home: string;
  parent: TreeNode;
  item: ResourceItem;
  /** The list the item came from: its kind describes the item (details, menus). */
  source: ListRef;
  /** The list the item expands to, without its prefix filter. */
  base: ListRef | undefined;
  /** The list the item expands to, as shown. */
  list: ListRef | undefined;
  /** Set for a favorite shown as its item (a bucket, a folder, a topic): the favorite and the item it names. */
  favorite: { readonly favorite: Favorite; readonly pin: Pin } | undefined;
}

/** "Favorites", at the top of the tree when there are some: the places the user returns to. */
export interface FavoritesNode {
  readonly type: 'favorites';
  readonly id: string;
  readonly home: string;
  readonly parent: ConnectionNode | undefined;
}

/** A favorite that is a list of its own (a search, a filtered list, a query), under Favorites. */
export interface FavoriteListNode {
  readonly type: 'favorite';
  readonly id: string;
  readonly home: string;
  readonly parent: FavoritesNode;
  readonly favorite: Favorite;
  readonly base: ListRef;
  list: ListRef;
}

/** A list opened under another by asking first (a Query under its table): a list node of its own, removable. */
export interface DerivedListNode {
  readonly type: 'derived';
  readonly id: string;
  readonly home: string;
  parent: ListNode;
  /** The list it is shown under. */
  under: ListRef;
  readonly base: ListRef;
  list: ListRef;
}

/** "Load more…": fetches the page of `token`, which it holds. */
export interface LoadMoreNode {
  readonly type: 'loadMore';
  readonly id: string;
  readonly home: string;
  parent: TreeNode;
  list: ListRef;
  token: string;
  loading: boolean;
}

/** "Failed to load: …" under the list that failed; a click retries the same page, or starts over. */
export interface FailureNode {
  readonly type: 'failure';
  readonly id: string;
  readonly home: string;
  parent: TreeNode;
  list: ListRef;
  failure: ListFailure;
  startOver: boolean;
}

/** A row that only says something: "No items", "Loading…", or a connection problem at the top. */
export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly home: string;
  parent: TreeNode | undefined;
  label: string;
  problem?: Problem;
  busy?: boolean;
}

export type TreeNode = ConnectionNode | RootListNode | ItemNode | DerivedListNode | FavoritesNode | FavoriteListNode | LoadMoreNode | FailureNode | MessageNode;

/** A node that shows a list: a top-level list, an item with children, a list opened under one, or a favorite list. */
export type ListNode = RootListNode | DerivedListNode | FavoriteListNode | (ItemNode & { base: ListRef; list: ListRef });

export function isListNode(node: unknown): node is ListNode {
  const candidate = node as TreeNode | undefined;
  return (candidate?.type === 'root' || candidate?.type === 'item' || candidate?.type === 'derived' || candidate?.type === 'favorite')
    && candidate.list !== undefined;
}

/** The favorite a node shows, if it shows one. */
export function favoriteOfNode(node: TreeNode | undefined): Favorite | undefined {
  return node?.type === 'favorite' ? node.favorite : node?.type === 'item' ? node.favorite?.favorite : undefined;
}

export function isItemNode(node: unknown): node is ItemNode {
  return (node as TreeNode | undefined)?.type === 'item';
}
