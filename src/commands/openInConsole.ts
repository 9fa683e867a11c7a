import * as vscode from 'vscode';
import { consoleHost } from '../core/aws/partition';
import { scopeOf } from '../core/paging/pager';
import { kindOf } from '../core/services/registry';
import { isItemNode, type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/**
 * Open in AWS Console: the console page of an item or a list, in the partition of its connection (console.aws.amazon.com,
 * console.amazonaws.cn…), in the browser. No request is sent from here.
 */
export function registerOpenInConsole(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.openInConsole', async (node?: TreeNode) => {
    const target = node ?? deps.tree.view.selection[0];
    const connection = target && deps.tree.homes.connection(target.home);
    if (!target || !connection) {
      return;
    }
    const scope = scopeOf(connection);
    const host = consoleHost(scope.partition);
    if (!host) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The {0} partition has no public AWS console.', scope.partition));
      return;
    }
    let url: string | undefined;
    if (isItemNode(target)) {
      url = kindOf(target.source).console?.item?.(target.item, target.source.params, scope, host);
    } else {
      const list = targetList(deps, target);
      url = list && kindOf(list.list).console?.list?.(list.list.params, scope, host);
    }
    if (!url) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The AWS console has no page for this.'));
      return;
    }
    if (connection.endpointUrl) {
      deps.log.info(`Open in AWS Console: ${url} (this connection uses the custom endpoint ${connection.endpointUrl}; the console shows AWS itself)`);
    }
    await vscode.env.openExternal(vscode.Uri.parse(url));
  });
}
