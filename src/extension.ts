import * as vscode from 'vscode';

// Wiring only: each concern lives in its own folder.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Paged AWS Explorer', { log: true });
  context.subscriptions.push(log);
}

export function deactivate(): void {}
