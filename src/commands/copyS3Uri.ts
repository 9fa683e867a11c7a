import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { copyItems } from './copyItems';
import { type CommandDeps } from './deps';

export function registerCopyS3Uri(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyS3Uri', (node?: TreeNode, selected?: TreeNode[]) =>
    copyItems(deps, (item) => item.s3Uri, 'S3 URI', node, selected));
}
