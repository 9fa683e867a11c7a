import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** After a refused or repeated token: forgets the list's pages and loads its first page again. */
export function registerStartOver(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.startOver', async (node?: TreeNode) => {
    const target = node?.type === 'failure' ? node : targetList(deps, node);
    if (target) {
      await deps.tree.homes.model(target?.home).startOver(target.list);
    }
  });
}
