import * as vscode from 'vscode';
import { type CommandDeps } from './deps';
import { copyItems } from './copyItems';
import { targetList } from './targets';

/**
 * The Resources view's keys (package.json keybindings, when the view has focus): Ctrl/Cmd+C copies the selected
 * rows' address (S3 URI, else ARN, else URL, else name); F5 refreshes the list the selected row is in or shows.
 */
export function registerKeyboard(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('pagedAwsExplorer.copySelection', () =>
      copyItems(deps, (item) => item.s3Uri ?? item.arn ?? item.url ?? item.name, 'address')),
    vscode.commands.registerCommand('pagedAwsExplorer.refreshSelection', () => {
      const target = targetList(deps);
      if (target) {
        deps.tree.modelOf(target).reset(target.list);
      } else {
        deps.connections.reload();
      }
    }),
  );
}
