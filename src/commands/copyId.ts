import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { copyItems } from './copyItems';
import { type CommandDeps } from './deps';

/** Copies the id the service names an item by where it is not its name (an EC2 instance id). */
export function registerCopyId(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyId', (node?: TreeNode, selected?: TreeNode[]) =>
    copyItems(deps, (item) => item.resourceId, 'ID', node, selected));
}
