import * as vscode from 'vscode';
import { registerSummarize } from './answersUi/summarize';
import { showRanked } from './commands/rankedNodes';
import { targetList } from './commands/targets';
import { registerTreeCommands } from './commands/treeCommands';
import { type CommandDeps } from './commands/deps';
import { ConnectionManager } from './connection/connectionManager';
import { formatNumbersFor } from './core/numbers';
import { registerExports } from './exportUi/registerExports';
import { registerServiceUis } from './serviceUi/registry';
import { ResourcesTree } from './views/resourcesTree';
import * as l10n from '@vscode/l10n';

// Wiring only: each concern lives in its own folder.
export function activate(context: vscode.ExtensionContext): void {
  // The core's words (@vscode/l10n, the same bundle VS Code loaded for this extension) and numbers in the UI's language.
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  formatNumbersFor(vscode.env.language);
  const log = vscode.window.createOutputChannel('Paged AWS Explorer', { log: true });
  const connections = new ConnectionManager(log);
  const tree = new ResourcesTree(context, connections, log);
  const deps: CommandDeps = { context, log, connections, tree };
  context.subscriptions.push(log, connections, tree, registerTreeCommands(deps), registerServiceUis(deps));
  context.subscriptions.push(registerSummarize(deps, () => targetList(deps), (target, lists) => showRanked(deps, target, lists)));
  context.subscriptions.push(registerExports({
    ...deps,
    showRunning: (count) => {
      tree.view.badge = count ? { value: count, tooltip: count === 1 ? '1 export running' : `${count} exports running` } : undefined;
    },
  }));
}

export function deactivate(): void {}
