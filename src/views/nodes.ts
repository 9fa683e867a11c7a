import type { Problem } from '../core/problems/problem';
import type { ListRef, ResourceItem } from '../core/lists';
import type { Favorite } from '../core/tree/favorites';
import type { Pin } from '../core/tree/pins';
import type { ListFailure } from '../core/tree/treeModel';

// The elements of the Resources tree. Commands receive them as their first argument: a node that shows a list
// has `list` (the list exactly as shown, filters included), an item node has `item`. Every node has `home`: the key of
// the connection it belongs to (see ConnectionRef), whose session and tree model serve it.

/** A connection, when there are several side by side: its lists, its favorites, or its error. */
export interface ConnectionNode {
  readonly type: 'connection';
  readonly id: string;
  readonly parent: undefined;
  readonly home: string;
}

/**
 * Why a list node is where it is: a top-level list ("SNS Topics"), a list opened under another by asking first (a
 * Query under its table, removable), a list shown above another's rows when it has items (a bucket's Inventory
 * Reports), or a favorite that is a list of its own (a search, a filtered list).
 */
export type ListRole = 'root' | 'derived' | 'companion' | 'favorite';

/** A list of its own in the tree; an item that expands is the other kind of node that shows a list. */
export interface ListNode {
  readonly type: 'list';
  readonly role: ListRole;
  readonly id: string;
  readonly home: string;
  parent: TreeNode | undefined;
  /** The list without its filters. */
  readonly base: ListRef;
  /** The list as shown. */
  list: ListRef;
  /** A derived list: the list it is shown under. */
  under?: ListRef;
  /** A favorite: what the user keeps (its alias names the node). */
  favorite?: Favorite;
}

/** A resource; when it has children (topic, bucket, folder) it shows a list too. */
export interface ItemNode {
  readonly type: 'item';
  readonly id: string;
  readonly home: string;
  parent: TreeNode;
  item: ResourceItem;
  /** The list the item came from: its kind describes the item (details, menus). */
  source: ListRef;
  /** The list the item expands to, without its filters. */
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

/**
 * A row that only says something: "No items", "Loading…", a connection problem at the top, or a list the account
 * cannot use (AWS Health without a support plan), with a link to read about it.
 */
export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly home: string;
  parent: TreeNode | undefined;
  label: string;
  problem?: Problem;
  busy?: boolean;
  /** Said, not failed: an informative row with no retry. */
  notice?: { readonly detail: string; readonly link?: { readonly label: string; readonly url: string } };
}

export type TreeNode = ConnectionNode | ListNode | ItemNode | FavoritesNode | LoadMoreNode | FailureNode | MessageNode;

/** A node that shows a list: a list node, or an item with children. */
export type ListHolder = ListNode | (ItemNode & { base: ListRef; list: ListRef });

export function isListHolder(node: unknown): node is ListHolder {
  const candidate = node as TreeNode | undefined;
  return candidate?.type === 'list' || (candidate?.type === 'item' && candidate.list !== undefined);
}

/** The favorite a node shows, if it shows one. */
export function favoriteOfNode(node: TreeNode | undefined): Favorite | undefined {
  return node?.type === 'list' ? node.favorite : node?.type === 'item' ? node.favorite?.favorite : undefined;
}

export function isItemNode(node: unknown): node is ItemNode {
  return (node as TreeNode | undefined)?.type === 'item';
}
