import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkpointId, listingTarget, type ExportJob } from '../core/export/checkpoint';
import { resumeLabel } from '../core/export/messages';
import { describeProblem } from '../core/problems/problem';
import { chooseDepth, chooseList, chooseSource } from './chooseList';
import { kindOf } from '../core/services/registry';
import { chooseOutput, chooseStyle, csvSettings } from './chooseOutput';
import { type ExportDeps } from './exportDeps';
import { type ExportRunner } from './exportRunner';
import { type ListRef } from '../core/lists';

/**
 * Export Full Listing…: from a list node of the tree (`node.list`), or from the Command Palette with a quick pick.
 * An unfinished export of the same list into the same file is offered for resume first.
 */
export function exportListing(deps: ExportDeps, runner: ExportRunner) {
  return async (node?: { list?: ListRef; home?: string }): Promise<void> => {
    const picked = node?.list ?? (await chooseList());
    const flat = picked && (await chooseDepth(picked));
    if (!flat) {
      return;
    }
    let list: ListRef | undefined = flat;
    if (kindOf(flat).alternatives) {
      try {
        list = await chooseSource(flat, await deps.connections.session(node?.home ? deps.connections.ref(node.home) : undefined), vscode.l10n.t('Export Full Listing'));
      } catch {
        // No session (no credentials…): the export says so below.
      }
      if (!list) {
        return;
      }
    }
    const output = await chooseOutput(list);
    const style = output && (await chooseStyle(list));
    if (!output || style === null) {
      return;
    }
    let connection;
    try {
      // The connection the node belongs to (the default one from the palette): the export reads from there.
      connection = await deps.connections.connection(node?.home ? deps.connections.ref(node.home) : undefined);
    } catch (error) {
      void vscode.window.showErrorMessage(describeProblem(error).message);
      return;
    }
    const job: ExportJob = {
      target: listingTarget(connection), list, pageSize: deps.connections.pageSize(), ...output, ...(style ? { style } : {}), ...csvSettings(output.format),
    };
    const existing = await runner.store.load(checkpointId(job)).catch(() => undefined);
    if (existing) {
      const resume = resumeLabel(existing);
      const startOver = vscode.l10n.t('Start Over');
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('An export of this list into {0} was interrupted.', path.basename(job.outputPath)),
        { modal: true, detail: vscode.l10n.t('Resume appends the rest to the file as it was at the last saved page ({0}, page size {1}). Start Over writes the file anew.', existing.job.format, existing.job.pageSize) },
        resume,
        startOver,
      );
      if (choice === resume) {
        return runner.resume(existing);
      }
      if (choice !== startOver) {
        return;
      }
    }
    return runner.start(job);
  };
}
