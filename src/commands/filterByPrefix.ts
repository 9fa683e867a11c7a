import * as vscode from 'vscode';
import { addressOf, kindOf } from '../core/services/registry';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** Lists only the names under a prefix, server-side (S3 `Prefix`), paged the same way. Empty input clears it. */
export function registerFilterByPrefix(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.filterByPrefix', async (node?: TreeNode) => {
    const target = targetList(deps, node);
    const model = deps.tree.homes.model(target?.home);
    if (!target || !model.isFilterable(target.base)) {
      return;
    }
    const kind = kindOf(target.base);
    const prefix = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter {0} by Prefix', kind.title(target.base.params)),
      prompt: vscode.l10n.t('Show only the {0} of {1} whose names start with this (case-sensitive). Empty: show all.', kind.itemNoun, addressOf(target.base)),
      value: model.filtersOf(target.base)[kind.filterParam ?? ''] ?? '',
      placeHolder: vscode.l10n.t('e.g. 2024/ or report-'),
    });
    if (prefix === undefined) {
      return;
    }
    model.setFilter(target.base, prefix || undefined);
    deps.tree.provider.refreshList(target);
    await deps.tree.view.reveal(target, { expand: true, select: true }).then(undefined, () => undefined);
  });
}
