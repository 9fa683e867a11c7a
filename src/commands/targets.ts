import { isItemNode, isListHolder, type ItemNode, type ListHolder, type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';

// Commands run from a context menu get the node (and the selection); from a keybinding they get nothing,
// so they act on the view's selection.

export function targetNodes(deps: CommandDeps, node?: TreeNode, selected?: readonly TreeNode[]): TreeNode[] {
  if (selected?.length) {
    return [...selected];
  }
  return node ? [node] : [...deps.tree.view.selection];
}

export function targetItems(deps: CommandDeps, node?: TreeNode, selected?: readonly TreeNode[]): ItemNode[] {
  return targetNodes(deps, node, selected).filter(isItemNode);
}

/** The list a node shows; for "Load more…" and failure rows, the list they belong to. */
export function targetList(deps: CommandDeps, node?: TreeNode): ListHolder | undefined {
  const target = node ?? deps.tree.view.selection[0];
  if (isListHolder(target)) {
    return target;
  }
  return target && target.type !== 'item' && isListHolder(target.parent) ? target.parent : undefined;
}
