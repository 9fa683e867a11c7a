import * as vscode from 'vscode';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { pickProfile } from './selectProfile';
import { pickRegion } from './selectRegion';

/**
 * Add Connection…: a profile, a region and optionally an endpoint, shown beside the others (each its own node once
 * there are two); Remove Connection takes an added one away (its favorites stay, for when it is added again).
 */
export function registerConnections(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('pagedAwsExplorer.addConnection', async () => {
      const title = vscode.l10n.t('Add Connection');
      const profile = await pickProfile('', title);
      if (profile === undefined) {
        return;
      }
      const region = await pickRegion('', title);
      if (region === undefined) {
        return;
      }
      const endpointUrl = await vscode.window.showInputBox({
        title,
        prompt: vscode.l10n.t('A custom endpoint (an emulator, a proxy), or empty for AWS and the profile\'s own endpoint_url'),
        placeHolder: 'http://localhost:4566',
        validateInput: (text) => (!text.trim() || /^https?:\/\/[^\s/]+/.test(text.trim()) ? undefined : vscode.l10n.t('An http:// or https:// URL, or empty.')),
      });
      if (endpointUrl === undefined) {
        return;
      }
      await deps.connections.addConnection({ profile, region, endpointUrl });
    }),
    vscode.commands.registerCommand('pagedAwsExplorer.removeConnection', async (node?: TreeNode) => {
      const ref = node?.type === 'connection' ? deps.tree.refOf(node) : undefined;
      if (!ref || ref.isDefault) {
        return;
      }
      await deps.connections.removeConnection(ref);
    }),
  );
}
