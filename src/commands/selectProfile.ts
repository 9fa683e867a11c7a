import * as vscode from 'vscode';
import { listProfiles } from '../core/aws/connection';
import { describeProblem } from '../core/problems/problem';
import { type CommandDeps } from './deps';

interface ProfileItem extends vscode.QuickPickItem {
  readonly profile: string;
}

/** Picks a profile from the shared config and credentials files; the tree reloads for it. */
export function registerSelectProfile({ connections }: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.selectProfile', async () => {
    let profiles: string[];
    try {
      profiles = await listProfiles();
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the AWS config files: {0}', describeProblem(error).message));
      return;
    }
    const current = connections.settings().profile ?? '';
    const items: ProfileItem[] = profiles.map((profile) => ({ label: profile, description: profile === current ? 'selected' : undefined, profile }));
    items.push({ label: vscode.l10n.t('Default'), description: vscode.l10n.t('AWS_PROFILE, else "default", else environment credentials{0}', current === '' ? ' · selected' : ''), profile: '' });
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Select AWS Profile'),
      placeHolder: profiles.length ? 'Profiles from ~/.aws/config and ~/.aws/credentials' : 'No profiles in ~/.aws/config or ~/.aws/credentials',
    });
    if (!pick) {
      return;
    }
    if (pick.profile === current) {
      connections.reload(); // same profile, maybe fixed credentials: load again
    } else {
      await connections.selectProfile(pick.profile);
    }
  });
}
