import * as vscode from 'vscode';
import { formatCount } from '../core/numbers';
import { kindOf } from '../core/services/registry';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** Above this many items in one list, Load All asks first and suggests Export: a tree that long is slow to use. */
export const LOAD_ALL_WARNING_THRESHOLD = 5000;

/** Loads every page of a list into the tree, with a cancellable progress notification. */
export function registerLoadAll(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.loadAll', async (node?: TreeNode) => {
    const target = targetList(deps, node);
    if (!target) {
      return;
    }
    const { list } = target;
    const kind = kindOf(list);
    const title = kind.title(list.params);
    const model = deps.tree.homes.model(target.home);
    // A find's pages hold only its matches: its progress says how many items were read to find them.
    const loaded = (items: number) => {
      const scanned = model.snapshot(list).scanned;
      return scanned === undefined
        ? vscode.l10n.t('{0} {1} loaded', formatCount(items), kind.itemNoun)
        : vscode.l10n.t('{0} scanned · {1} found', formatCount(scanned), formatCount(items));
    };
    void deps.tree.view.reveal(target, { expand: true, select: false, focus: false }).then(undefined, () => undefined);
    let maxItems: number | undefined = LOAD_ALL_WARNING_THRESHOLD;
    for (;;) {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading all {0} of {1}', kind.itemNoun, title), cancellable: true },
        (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return model.loadAll(list, {
            signal: abort.signal,
            maxItems,
            onProgress: (items) => progress.report({ message: loaded(items) }),
          });
        },
      );
      if (result.outcome === 'paused') {
        const keepLoading = vscode.l10n.t('Keep Loading');
        const exportListing = vscode.l10n.t('Export Full Listing…');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} has more than {1} {2}. A tree that long is slow to use; Export Full Listing… writes every item to a file instead.', title, formatCount(result.items), kind.itemNoun),
          exportListing, keepLoading,
        );
        if (choice === keepLoading) {
          maxItems = undefined;
          continue;
        }
        if (choice === exportListing) {
          await vscode.commands.executeCommand('pagedAwsExplorer.exportListing', target);
        }
      } else if (result.outcome === 'failed' && result.failure) {
        // The failure row under the list says the same and offers Retry.
        void vscode.window.showErrorMessage(vscode.l10n.t('Load All stopped after {0} {1} of {2}: {3}', formatCount(result.items), kind.itemNoun, title, result.failure.problem.message));
      } else if (result.outcome === 'complete') {
        vscode.window.setStatusBarMessage(model.snapshot(list).scanned === undefined
          ? vscode.l10n.t('$(check) Loaded all {0} {1} of {2}', formatCount(result.items), kind.itemNoun, title)
          : vscode.l10n.t('$(check) {0}: {1}', title, loaded(result.items)), 5000);
      }
      return;
    }
  });
}
