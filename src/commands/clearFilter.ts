import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

export function registerClearFilter(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.clearFilter', (node?: TreeNode) => {
    const target = targetList(deps, node);
    const model = deps.tree.homes.model(target?.home);
    if (target && Object.keys(model.filtersOf(target.base)).length > 0) {
      model.setFilters(target.base, {});
      deps.tree.provider.refreshList(target);
    }
  });
}
