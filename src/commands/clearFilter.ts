import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

export function registerClearFilter(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.clearFilter', (node?: TreeNode) => {
    const target = targetList(deps, node);
    const model = deps.tree.modelOf(target);
    if (target && model.filterOf(target.base) !== undefined) {
      model.setFilter(target.base, undefined);
      deps.tree.provider.refreshList(target);
    }
  });
}
