import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** On a list: forget its pages (and those under it) and load its first page. In the view title: reload everything. */
export function registerRefresh(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.refresh', (node?: TreeNode) => {
    const target = node ? targetList(deps, node) : undefined;
    if (target) {
      deps.tree.homes.model(target?.home).reset(target.list);
    } else {
      // Also drops the SDK clients, so fixed credentials or config files are read again.
      deps.connections.reload();
    }
  });
}
