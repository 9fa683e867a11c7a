import * as vscode from 'vscode';
import { type Connection } from '../core/aws/connection';
import { describeProblem } from '../core/problems/problem';
import { scopeOf } from '../core/paging/pager';
import { favoriteOf, type Favorite } from '../core/tree/favorites';
import { favoriteOfNode, isListHolder, type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetNodes } from './targets';
import { type Scope } from '../core/lists';

/**
 * The region and partition of a node's connection (the default one), for the ARNs of what the user adds; undefined
 * (and said) when the connection cannot be resolved.
 */
export async function currentScope(deps: CommandDeps, node?: TreeNode): Promise<Scope | undefined> {
  try {
    return scopeOf(await connectionOf(deps, node));
  } catch (error) {
    void vscode.window.showErrorMessage(describeProblem(error).message);
    return undefined;
  }
}

/** The connection a node belongs to (the default one for none), as the tree resolved it, else resolved now. */
async function connectionOf(deps: CommandDeps, node: Pick<TreeNode, 'home'> | undefined): Promise<Connection> {
  const ref = deps.tree.refOf(node);
  return deps.tree.homes.connection(ref.key) ?? deps.connections.connection(ref);
}

/**
 * Keeps the favorite for a connection (a node's, `{ home }` of one, or the default one), shows it under that
 * connection's Favorites and selects it, expanded.
 */
export async function addFavoriteAndReveal(deps: CommandDeps, favorite: Favorite, from?: Pick<TreeNode, 'home'>): Promise<void> {
  let connection: Connection;
  try {
    connection = await connectionOf(deps, from);
  } catch (error) {
    void vscode.window.showErrorMessage(describeProblem(error).message);
    return;
  }
  await deps.tree.favorites.add(connection, favorite);
  const node = await deps.tree.provider.favoriteNode(favorite, deps.tree.refOf(from).key);
  if (!node) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Added {0} to Favorites; it shows once the connection works.', favorite.alias ?? favorite.address));
    return;
  }
  await deps.tree.view.reveal(node, { select: true, focus: true, expand: true }).then(undefined, (error: unknown) => {
    deps.log.warn(`Could not reveal ${favorite.address}: ${String(error)}`);
  });
}

/** Add to Favorites, Remove from Favorites and Rename Favorite…; Remove from Tree for lists opened by asking (a query). */
export function registerFavorites(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('pagedAwsExplorer.addFavorite', async (node?: TreeNode) => {
      const target = node ?? deps.tree.view.selection[0];
      if (!isListHolder(target)) {
        return;
      }
      // The list as the node shows it, its filter included: a favorite of a filtered folder opens filtered.
      await addFavoriteAndReveal(deps, favoriteOf(target.list), target);
    }),
    vscode.commands.registerCommand('pagedAwsExplorer.removeFavorite', async (node?: TreeNode, selected?: TreeNode[]) => {
      for (const target of targetNodes(deps, node, selected)) {
        const favorite = favoriteOfNode(target);
        const connection = deps.tree.homes.connection(target.home);
        if (favorite && connection) {
          await deps.tree.favorites.remove(connection, favorite);
        }
      }
      deps.tree.provider.reloadAll();
    }),
    vscode.commands.registerCommand('pagedAwsExplorer.renameFavorite', async (node?: TreeNode) => {
      const target = node ?? deps.tree.view.selection[0];
      const favorite = favoriteOfNode(target);
      const connection = target && deps.tree.homes.connection(target.home);
      if (!favorite || !connection) {
        return;
      }
      const alias = await vscode.window.showInputBox({
        title: vscode.l10n.t('Rename Favorite'),
        prompt: vscode.l10n.t('A name for {0} in Favorites. Empty: its own name.', favorite.address),
        value: favorite.alias ?? '',
      });
      if (alias === undefined) {
        return;
      }
      await deps.tree.favorites.rename(connection, favorite, alias.trim() || undefined);
      deps.tree.provider.reloadAll();
    }),
    vscode.commands.registerCommand('pagedAwsExplorer.removePin', (node?: TreeNode, selected?: TreeNode[]) => {
      for (const target of targetNodes(deps, node, selected)) {
        if (target.type === 'list' && target.role === 'derived' && target.under) {
          deps.tree.homes.model(target.home).removeDerived(target.under, target.base);
        }
      }
    }),
  );
}
