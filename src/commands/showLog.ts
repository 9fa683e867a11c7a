import * as vscode from 'vscode';
import { type CommandDeps } from './deps';

export function registerShowLog({ log }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.showLog', () => log.show(true));
}
