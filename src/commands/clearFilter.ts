import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

export function registerClearFilter(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.clearFilter', (node?: TreeNode) => {
    const target = targetList(deps, node);
    if (target && deps.tree.model.filterOf(target.base) !== undefined) {
      deps.tree.model.setFilter(target.base, undefined);
      deps.tree.provider.refreshList(target);
    }
  });
}
