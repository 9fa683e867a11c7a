import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { copyItems } from './copyItems';
import { type CommandDeps } from './deps';

export function registerCopyName(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyName', (node?: TreeNode, selected?: TreeNode[]) =>
    copyItems(deps, (item) => item.name, 'name', node, selected));
}
