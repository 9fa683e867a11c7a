import * as vscode from 'vscode';
import { describeProblem } from '../core/problems/problem';
import { scopeOf } from '../core/paging/pager';
import { type Scope } from '../core/services/kind';
import { type Pin } from '../core/tree/pins';
import { type CommandDeps } from './deps';

/**
 * The region and partition of the current connection, for the ARNs of what the user adds; undefined (and said) when
 * the connection cannot be resolved.
 */
export async function currentScope(deps: CommandDeps): Promise<Scope | undefined> {
  try {
    return scopeOf(deps.tree.provider.currentConnection() ?? await deps.connections.connection());
  } catch (error) {
    void vscode.window.showErrorMessage(describeProblem(error).message);
    return undefined;
  }
}

/** Keeps the pin for this connection, shows it at the top of its list and selects it, expanded. */
export async function addPinAndReveal(deps: CommandDeps, pin: Pin): Promise<void> {
  let connection = deps.tree.provider.currentConnection();
  try {
    connection ??= await deps.connections.connection();
  } catch (error) {
    void vscode.window.showErrorMessage(describeProblem(error).message);
    return;
  }
  if (pin.filter && pin.item.children) {
    deps.tree.model.setFilter(pin.item.children, pin.filter);
  }
  await deps.tree.pins.add(connection, pin);
  const node = await deps.tree.provider.pinNode(pin);
  if (!node) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Added {0}; it shows once the connection works.', pin.item.name));
    return;
  }
  await deps.tree.view.reveal(node, { select: true, focus: true, expand: true }).then(undefined, (error: unknown) => {
    deps.log.warn(`Could not reveal ${pin.item.id}: ${String(error)}`);
  });
}
