import * as vscode from 'vscode';
import { type CommandDeps } from './deps';

/** The status bar item's click: Select Profile… or Select Region…. */
export function registerSelectConnection({ connections }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.selectConnection', async () => {
    const connection = await connections.connection().catch(() => undefined);
    const pick = await vscode.window.showQuickPick([
      { label: '$(account) Select Profile…', description: connection?.profile ?? connections.settings().profile, command: 'pagedAwsExplorer.selectProfile' },
      { label: '$(globe) Select Region…', description: connection?.region, command: 'pagedAwsExplorer.selectRegion' },
    ], { title: vscode.l10n.t('Paged AWS Explorer Connection'), placeHolder: connection?.endpointUrl ? `Custom endpoint: ${connection.endpointUrl}` : undefined });
    if (pick) {
      await vscode.commands.executeCommand(pick.command);
    }
  });
}
