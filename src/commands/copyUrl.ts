import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { copyItems } from './copyItems';
import { type CommandDeps } from './deps';

export function registerCopyUrl(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyUrl', (node?: TreeNode, selected?: TreeNode[]) =>
    copyItems(deps, (item) => item.url, 'URL', node, selected));
}
