import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** Sends the failed request of a list again, with the same token. */
export function registerRetry(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.retry', async (node?: TreeNode) => {
    const target = node?.type === 'failure' ? node : targetList(deps, node);
    if (target) {
      await deps.tree.homes.model(target?.home).retry(target.list);
    }
  });
}
