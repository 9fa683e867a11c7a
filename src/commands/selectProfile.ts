import * as vscode from 'vscode';
import { listProfiles } from '../core/aws/connection';
import { describeProblem } from '../core/problems/problem';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';

interface ProfileItem extends vscode.QuickPickItem {
  readonly profile: string;
}

/**
 * Picks a profile for a connection (on a connection node: that one; else the default one) from the shared config and
 * credentials files; the tree reloads for it.
 */
export function registerSelectProfile({ connections, tree }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.selectProfile', async (node?: TreeNode) => {
    const ref = tree.refOf(node?.type === 'connection' ? node : undefined);
    const current = connections.settings(ref).profile ?? '';
    const profile = await pickProfile(current, vscode.l10n.t('Select AWS Profile'));
    if (profile === undefined) {
      return;
    }
    if (profile === current) {
      connections.reload(); // same profile, maybe fixed credentials: load again
    } else {
      await connections.selectProfile(profile, ref);
    }
  });
}

/** A profile from the shared config and credentials files, or '' for the default chain; undefined when the user backs out. */
export async function pickProfile(current: string, title: string): Promise<string | undefined> {
  let profiles: string[];
  try {
    profiles = await listProfiles();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the AWS config files: {0}', describeProblem(error).message));
    return undefined;
  }
  const items: ProfileItem[] = profiles.map((profile) => ({ label: profile, description: profile === current ? 'selected' : undefined, profile }));
  items.push({ label: vscode.l10n.t('Default'), description: vscode.l10n.t('AWS_PROFILE, else "default", else environment credentials{0}', current === '' ? ' · selected' : ''), profile: '' });
  const pick = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: profiles.length ? 'Profiles from ~/.aws/config and ~/.aws/credentials' : 'No profiles in ~/.aws/config or ~/.aws/credentials',
  });
  return pick?.profile;
}
