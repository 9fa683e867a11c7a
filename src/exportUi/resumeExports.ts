import * as vscode from 'vscode';
import { type Checkpoint } from '../core/export/checkpoint';
import { ago, checkpointTitle, countOf } from '../core/export/messages';
import { type ExportRunner } from './exportRunner';

type CheckpointItem = vscode.QuickPickItem & { readonly checkpoint: Checkpoint };

const discardButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Discard (keeps the file as it is)') };

/** Resume Unfinished Exports…: lists the checkpoints; pick one to resume it, or discard it with its trash button. */
export function resumeExports(runner: ExportRunner) {
  return async (): Promise<void> => {
    const checkpoints = (await runner.store.list()).filter((c) => !runner.isRunning(c));
    if (checkpoints.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There are no unfinished exports.'));
      return;
    }
    const pick = vscode.window.createQuickPick<CheckpointItem>();
    pick.title = vscode.l10n.t('Resume Unfinished Exports');
    pick.placeholder = vscode.l10n.t('Pick an export to resume');
    pick.items = checkpoints.map(toItem);
    const chosen = await new Promise<Checkpoint | undefined>((resolve) => {
      pick.onDidTriggerItemButton(async ({ item }) => {
        await runner.store.delete(item.checkpoint.id);
        pick.items = pick.items.filter((i) => i !== item);
        if (pick.items.length === 0) {
          pick.hide();
        }
      });
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.checkpoint);
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (chosen) {
      await runner.resume(chosen);
    }
  };
}

function toItem(checkpoint: Checkpoint): CheckpointItem {
  const { target, outputPath, format } = checkpoint.job;
  return {
    label: checkpointTitle(checkpoint),
    description: vscode.l10n.t('{0} written, {1}', countOf(checkpoint.job.list, checkpoint.itemsWritten), ago(checkpoint.updatedAt)),
    detail: vscode.l10n.t('{0} · {1} · {2}', outputPath, format, [target.profile, target.region, target.endpointUrl].filter(Boolean).join(' · ')),
    buttons: [discardButton],
    checkpoint,
  };
}

/**
 * On activation: one notification for all unfinished exports (not one per export), with Resume for a single one
 * and the list for several.
 */
export async function offerUnfinishedExports(runner: ExportRunner): Promise<void> {
  const checkpoints = await runner.store.list().catch(() => []);
  if (checkpoints.length === 0) {
    return;
  }
  if (checkpoints.length === 1) {
    const [checkpoint] = checkpoints;
    const [resume, discard] = [vscode.l10n.t('Resume'), vscode.l10n.t('Discard')];
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Unfinished export: {0} ({1} written, {2}).', checkpointTitle(checkpoint), countOf(checkpoint.job.list, checkpoint.itemsWritten), ago(checkpoint.updatedAt)),
      resume, discard,
    );
    if (choice === resume) {
      await runner.resume(checkpoint);
    } else if (choice === discard) {
      await runner.store.delete(checkpoint.id);
    }
    return;
  }
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} exports were interrupted and can be resumed.', checkpoints.length), vscode.l10n.t('Show Exports…'));
  if (choice) {
    await vscode.commands.executeCommand('pagedAwsExplorer.resumeExports');
  }
}
