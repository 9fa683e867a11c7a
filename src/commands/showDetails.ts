import * as vscode from 'vscode';
import { describeProblem } from '../core/problems/problem';
import { detailsOf } from '../core/tree/rows';
import { isItemNode, type TreeNode } from '../views/nodes';
import { RESOURCES_VIEW_ID } from '../views/resourcesTree';
import { type CommandDeps } from './deps';
import { type Value } from '../core/lists';

/** Opens an item's details (GetTopicAttributes, HeadObject…) as JSON in a read-only editor. */
export function registerShowDetails(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.showDetails', async (node?: TreeNode) => {
    const target = node ?? deps.tree.view.selection[0];
    if (!isItemNode(target)) {
      return;
    }
    const { item } = target;
    const details = detailsOf(target.source, item);
    if (!details) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no details beyond what the tree shows.', item.name));
      return;
    }
    try {
      const fields = await vscode.window.withProgress({ location: { viewId: RESOURCES_VIEW_ID }, title: details.operation },
        async () => details.fetch(await deps.tree.session(target), {}));
      // Details built from the page (a DynamoDB item) are the item itself; a request's answer goes beside the listed record.
      await deps.tree.details.open(`${item.name} ${details.operation}`, details.local
        ? fields as Value
        : { id: item.id, listed: item.record, [details.operation]: parseJsonStrings(fields) as Value });
    } catch (error) {
      const problem = describeProblem(error, deps.tree.homes.connection(target.home));
      deps.log.error(`${details.operation} ${item.id}: ${problem.message} [${problem.detail}]`);
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed for {1}: {2}', details.operation, item.name, problem.message));
    }
  });
}

/** SNS returns policies as JSON inside strings; show them as JSON. */
function parseJsonStrings(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => {
    if (typeof value === 'string' && /^\s*[{[]/.test(value)) {
      try {
        return [name, JSON.parse(value) as unknown];
      } catch {
        return [name, value];
      }
    }
    return [name, value];
  }));
}
