import * as vscode from 'vscode';
import { type ServiceUi } from '../serviceUi';
import { registerRevealInExplorer } from './revealInExplorer';

/** Resource Explorer in VS Code: a found resource revealed in the tree; Export All Matches… on a capped search. */
export const resourceExplorerUi: ServiceUi = {
  id: 'resource-explorer-2',
  register: (deps) => vscode.Disposable.from(
    registerRevealInExplorer(deps),
    // A search's export lists every match (its kind splits the query past the 1,000 cap): the same command, named
    // for what it does on a search whose node says there are more.
    vscode.commands.registerCommand('pagedAwsExplorer.exportAllMatches', (node?: unknown) => vscode.commands.executeCommand('pagedAwsExplorer.exportListing', node)),
  ),
};
