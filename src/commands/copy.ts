import * as vscode from 'vscode';
import { type ResourceItem } from '../core/lists';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetItems } from './targets';

const NAME = 'Name';

/** An identifier of an item by its label; `Name` is every item's. */
function valueOf(item: ResourceItem, label: string): string | undefined {
  return label === NAME ? item.name : item.ids?.find((identifier) => identifier.label === label)?.value;
}

/**
 * Copy…: one of the selected items' identifiers (ARN, S3 URI, URL, ID, name), one line per item. A quick pick asks
 * which when the items have several; Ctrl+C (`copySelection`) copies the first of each without asking.
 */
export function registerCopy(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('pagedAwsExplorer.copy', async (node?: TreeNode, selected?: TreeNode[]) => {
      const items = targetItems(deps, node, selected).map((target) => target.item);
      if (items.length === 0) {
        return;
      }
      const labels = [...new Set([...items.flatMap((item) => item.ids?.map((identifier) => identifier.label) ?? []), NAME])];
      const label = labels.length === 1 ? labels[0] : (await vscode.window.showQuickPick(
        labels.map((candidate) => ({ label: candidate, description: valueOf(items[0], candidate) ?? '', value: candidate })),
        { title: items.length === 1 ? vscode.l10n.t('Copy {0}', items[0].name) : vscode.l10n.t('Copy {0} items', items.length), placeHolder: vscode.l10n.t('What to copy') },
      ))?.value;
      if (label !== undefined) {
        await copyValues(items.map((item) => valueOf(item, label)), label);
      }
    }),
    vscode.commands.registerCommand('pagedAwsExplorer.copySelection', () =>
      copyValues(targetItems(deps).map((target) => target.item.ids?.[0]?.value ?? target.item.name), vscode.l10n.t('address'))),
  );
}

/** Puts the values on the clipboard, one per line, and says so in the status bar. */
export async function copyValues(found: ReadonlyArray<string | undefined>, noun: string): Promise<void> {
  const values = found.filter((value): value is string => Boolean(value));
  if (values.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The selected item has no {0}.', noun));
    return;
  }
  await vscode.env.clipboard.writeText(values.join('\n'));
  vscode.window.setStatusBarMessage(values.length === 1 ? vscode.l10n.t('$(copy) Copied {0}', values[0]) : vscode.l10n.t('$(copy) Copied {0} values', values.length), 4000);
}
