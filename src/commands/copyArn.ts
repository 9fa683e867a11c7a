import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { copyItems } from './copyItems';
import { type CommandDeps } from './deps';

export function registerCopyArn(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyArn', (node?: TreeNode, selected?: TreeNode[]) =>
    copyItems(deps, (item) => item.arn, 'ARN', node, selected));
}
