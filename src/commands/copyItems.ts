import * as vscode from 'vscode';
import { type ResourceItem } from '../core/services/kind';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetItems } from './targets';

/** Copies one field of the selected items, one per line. */
export async function copyItems(
  deps: CommandDeps, field: (item: ResourceItem) => string | undefined, noun: string, node?: TreeNode, selected?: TreeNode[],
): Promise<void> {
  const values = targetItems(deps, node, selected).map((target) => field(target.item)).filter((value): value is string => Boolean(value));
  if (values.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The selected item has no {0}.', noun));
    return;
  }
  await vscode.env.clipboard.writeText(values.join('\n'));
  vscode.window.setStatusBarMessage(values.length === 1 ? vscode.l10n.t('$(copy) Copied {0}', values[0]) : vscode.l10n.t('$(copy) Copied {0} values', values.length), 4000);
}
