import * as vscode from 'vscode';
import { knownRegions } from '../connection/regions';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';

interface RegionItem extends vscode.QuickPickItem {
  readonly region: string;
}

const REGION_PATTERN = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

/** Picks a region for a connection (on a connection node: that one; else the default one); the tree reloads for it. */
export function registerSelectRegion({ connections, tree }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.selectRegion', async (node?: TreeNode) => {
    const ref = tree.refOf(node?.type === 'connection' ? node : undefined);
    const current = connections.settings(ref).region ?? '';
    const chosen = await pickRegion(current, vscode.l10n.t('Select AWS Region'));
    if (chosen !== undefined && chosen !== current) {
      await connections.selectRegion(chosen, ref);
    }
  });
}

/** A region from the SDK's partition data, or any region name typed in, or '' for the default; undefined when the user backs out. */
export async function pickRegion(current: string, title: string): Promise<string | undefined> {
  const items: RegionItem[] = [
    { label: vscode.l10n.t('Default'), description: vscode.l10n.t('AWS_REGION, else AWS_DEFAULT_REGION, else the profile\'s region, else us-east-1{0}', current === '' ? ' · selected' : ''), region: '' },
  ];
  let partitionShown: string | undefined;
  for (const { id, name, partition } of knownRegions) {
    if (partition !== partitionShown) {
      items.push({ label: partition, kind: vscode.QuickPickItemKind.Separator, region: '' });
      partitionShown = partition;
    }
    items.push({ label: id, description: id === current ? `${name} · selected` : name, region: id });
  }
  const pick = vscode.window.createQuickPick<RegionItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t('Region, e.g. eu-west-1 (a region not listed can be typed in)');
  pick.items = items;
  pick.matchOnDescription = true;
  pick.activeItems = items.filter((item) => item.region === current);
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const typed = pick.value.trim();
      resolve(pick.selectedItems[0]?.region ?? (REGION_PATTERN.test(typed) ? typed : undefined));
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  return chosen;
}
