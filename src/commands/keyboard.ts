import * as vscode from 'vscode';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/**
 * F5 in the Resources view (package.json keybindings, when the view has focus) refreshes the list the selected row is
 * in or shows. (Ctrl/Cmd+C is Copy's `copySelection`.)
 */
export function registerKeyboard(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.refreshSelection', () => {
    const target = targetList(deps);
    if (target) {
      deps.tree.homes.model(target.home).reset(target.list);
    } else {
      deps.connections.reload();
    }
  });
}
