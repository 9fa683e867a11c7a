import * as vscode from 'vscode';
import { exactJson } from '../core/json';
import { detailsOf } from '../core/tree/rows';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetItems } from './targets';
import { type Value } from '../core/lists';

/**
 * Copy as JSON: the item as its list returned it, exact (a DynamoDB item with every digit of its numbers); items
 * whose details are built from the page give those, others their exported record. Sends no request.
 */
export function registerCopyJson(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.copyJson', async (node?: TreeNode, selected?: TreeNode[]) => {
    const documents: Value[] = [];
    for (const target of targetItems(deps, node, selected)) {
      const details = detailsOf(target.source, target.item);
      documents.push(details?.local ? await details.fetch(await deps.tree.session(target), {}) as Value : target.item.record);
    }
    if (documents.length === 0) {
      return;
    }
    await vscode.env.clipboard.writeText(exactJson(documents.length === 1 ? documents[0] : documents, 2));
    vscode.window.setStatusBarMessage(documents.length === 1 ? vscode.l10n.t('$(copy) Copied the item as JSON') : vscode.l10n.t('$(copy) Copied {0} items as JSON', documents.length), 4000);
  });
}
