import * as vscode from 'vscode';
import { type Params } from '../core/lists';
import { addressForms, addressProblem, parseAddress } from '../core/services/registry';
import { favoriteOf } from '../core/tree/favorites';
import { rootOf } from '../core/tree/pins';
import { type CommandDeps } from './deps';
import { addFavoriteAndReveal } from './favorites';

/**
 * Go to…: opens the list an address names (`s3://bucket/some/prefix/`, a topic ARN, `sns:topics`…) in the tree: a
 * top-level list where it is, anything else under Favorites.
 */
export function registerGoTo(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.goTo', async (address?: unknown) => {
    const typed = typeof address === 'string' ? address : await vscode.window.showInputBox({
      title: vscode.l10n.t('Go to'),
      prompt: vscode.l10n.t('A list\'s address: {0}. An S3 key that does not end in "/" filters its folder.', addressForms.map((form) => form.form).join(', ')),
      placeHolder: vscode.l10n.t('s3://bucket/some/prefix/'),
      validateInput: (text) => (text.trim() ? addressProblem(text.trim()) : undefined),
    });
    const value = typed?.trim();
    if (!value) {
      return;
    }
    const problem = addressProblem(value);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    const top = rootOf(parseAddress(value));
    if (top) {
      await revealRoot(deps, top.root.kind, top.filters);
      return;
    }
    // Shown under Favorites, without listing its parents, so it works where that listing is denied.
    await addFavoriteAndReveal(deps, favoriteOf(parseAddress(value)));
  });
}

async function revealRoot(deps: CommandDeps, kind: string, filters: Params): Promise<void> {
  const root = await deps.tree.provider.topNode(kind);
  if (!root) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The tree shows its lists once the connection works.'));
    return;
  }
  const model = deps.tree.homes.model(root.home);
  if (Object.keys(filters).length > 0 || Object.keys(model.filtersOf(root.base)).length > 0) {
    model.setFilters(root.base, filters);
    deps.tree.provider.refreshList(root);
  }
  await deps.tree.view.reveal(root, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
}
