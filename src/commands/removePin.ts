import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetItems, targetNodes } from './targets';

/** Removes what the user added to the tree: buckets, topics, locations, queries (nothing is deleted in AWS). */
export function registerRemovePin(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.removePin', async (node?: TreeNode, selected?: TreeNode[]) => {
    for (const derived of targetNodes(deps, node, selected).filter((target) => target.type === 'derived')) {
      deps.tree.model.removeDerived(derived.under, derived.base);
    }
    const connection = deps.tree.provider.currentConnection();
    if (!connection) {
      return;
    }
    const roots = new Set<string>();
    for (const item of targetItems(deps, node, selected)) {
      if (item.pin) {
        await deps.tree.pins.remove(connection, item.pin);
        roots.add(item.pin.root);
      }
    }
    for (const root of roots) {
      const rootNode = deps.tree.provider.rootNode(root);
      if (rootNode) {
        deps.tree.provider.refreshList(rootNode);
      }
    }
  });
}
