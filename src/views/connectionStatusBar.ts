import * as vscode from 'vscode';
import { type ConnectionState } from './connectionHomes';

/** The connection in the status bar; a click offers Select Profile… and Select Region…. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pagedAwsExplorer.connection', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Paged AWS Explorer Connection';
    this.item.command = 'pagedAwsExplorer.selectConnection';
    this.item.text = '$(cloud) AWS';
    this.item.tooltip = vscode.l10n.t('Paged AWS Explorer: select an AWS profile or region');
    this.item.show();
  }

  show(state: ConnectionState): void {
    const others = state.count > 1 ? ` +${state.count - 1}` : '';
    this.item.text = `${state.problem ? '$(warning)' : '$(cloud)'} ${state.label}${others}`;
    this.item.tooltip = state.problem
      ? `Paged AWS Explorer: ${state.problem.message}\nClick to select a profile or region.`
      : `Paged AWS Explorer: ${state.label}${state.connection?.endpointUrl ? ` (${state.connection.endpointUrl})` : ''}${state.count > 1 ? `, and ${state.count - 1} more side by side` : ''}\nClick to select a profile or region.`;
    this.item.backgroundColor = state.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
