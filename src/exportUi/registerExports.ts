import * as vscode from 'vscode';
import { type ExportDeps } from './exportDeps';
import { exportListing } from './exportListing';
import { ExportRunner } from './exportRunner';
import { offerUnfinishedExports, resumeExports } from './resumeExports';

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
