import * as vscode from 'vscode';
import { type CommandDeps } from '../commands/deps';
import { resourceExplorerUi } from './resourceExplorer';
import { s3Ui } from './s3';
import { type ServiceUi } from './serviceUi';

/** The services that add something of their own to VS Code. Adding one is one line here. */
export const serviceUis: readonly ServiceUi[] = [s3Ui, resourceExplorerUi];

export function registerServiceUis(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(...serviceUis.map((ui) => ui.register(deps)));
}
