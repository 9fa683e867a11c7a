import * as vscode from 'vscode';
import { exportListing } from '../commands/exportListing';
import { offerUnfinishedExports, resumeExports } from '../commands/resumeExports';
import { type ExportDeps } from './exportDeps';
import { ExportRunner } from './exportRunner';

/** Registers Export Full Listing… and Resume Unfinished Exports…, and offers unfinished exports once. */
export function registerExports(deps: ExportDeps): vscode.Disposable {
  const runner = new ExportRunner(deps);
  const disposables = [
    vscode.commands.registerCommand('pagedAwsExplorer.exportListing', exportListing(deps, runner)),
    vscode.commands.registerCommand('pagedAwsExplorer.resumeExports', resumeExports(runner)),
  ];
  void offerUnfinishedExports(runner).catch((error: unknown) => deps.log.warn(`Unfinished exports: ${String(error)}`));
  return vscode.Disposable.from(...disposables);
}
