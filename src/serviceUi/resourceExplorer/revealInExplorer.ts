import * as vscode from 'vscode';
import { connectionId, type Connection } from '../../core/aws/connection';
import { browsableAddress } from '../../core/services/resourceExplorer/reveal';
import { type CommandDeps } from '../../commands/deps';
import { addFavoriteAndReveal } from '../../commands/favorites';
import { isItemNode, type TreeNode } from '../../views/nodes';

/**
 * Reveal in Explorer on a resource Resource Explorer found: the bucket, topic, queue, table, log group or instance
 * opens as the list the tree shows for it, under Favorites of a connection in the resource's Region: the node's own, or
 * one with the same profile and endpoint in that Region (added when there is none, and said).
 */
export function registerRevealInExplorer(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.revealInExplorer', async (node?: TreeNode) => {
    const target = node ?? deps.tree.view.selection[0];
    if (!isItemNode(target) || target.item.itemKind !== 'resourceExplorerResource') {
      return;
    }
    const found = browsableAddress(target.item.id, typeof target.item.record.Region === 'string' ? target.item.record.Region : undefined);
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Paged AWS Explorer does not list {0} resources; Copy… gives its ARN.', String(target.item.record.ResourceType ?? '')));
      return;
    }
    const source = deps.tree.homes.connection(target.home) ?? await deps.connections.connection(deps.tree.refOf(target));
    const home = !found.region || found.region === source.region ? target.home : await homeInRegion(deps, target, source, found.region);
    await addFavoriteAndReveal(deps, { address: found.address }, { home });
  });
}

/** The key of a connection like `source` in `region`: one the tree has, or one added now. */
async function homeInRegion(deps: CommandDeps, node: TreeNode, source: Connection, region: string): Promise<string> {
  const wanted = connectionId({ ...source, region });
  for (const ref of deps.connections.refs()) {
    const connection = await deps.connections.connection(ref).catch(() => undefined);
    if (connection && connectionId(connection) === wanted) {
      return ref.key;
    }
  }
  const settings = deps.connections.settings(deps.tree.refOf(node));
  const ref = await deps.connections.addConnection({ profile: settings.profile, region, endpointUrl: settings.endpointUrl });
  void vscode.window.showInformationMessage(vscode.l10n.t('Added the connection {0} · {1} beside the others: the resource is in {1}.', source.profile, region));
  return ref.key;
}
