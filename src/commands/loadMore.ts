import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';

/** "Load more…": fetches the page of the token the clicked row holds; a stale row or a second click fetches nothing. */
export function registerLoadMore({ tree }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.loadMore', async (node?: TreeNode) => {
    if (node?.type === 'loadMore') {
      await tree.homes.model(node.home).loadMore(node.list, node.token);
    }
  });
}
