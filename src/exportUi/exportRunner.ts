import * as path from 'node:path';
import * as vscode from 'vscode';
import { connectionId, resolveConnection } from '../core/aws/connection';
import { AwsSession } from '../core/aws/session';
import { checkpointId, type Checkpoint, type ExportJob } from '../core/export/checkpoint';
import { describeExportProblem } from '../core/export/errors';
import { resumeExport, startExport } from '../core/export/exporter';
import { FileCheckpointStore } from '../core/export/fileCheckpointStore';
import { DEFAULT_PARALLELISM } from '../core/export/parallelExport';
import { doneMessage, progressText, resumedAtMessage } from '../core/export/messages';
import { type ExportOptions, type ExportResult } from '../core/export/options';
import { addressOf } from '../core/services/registry';
import { type ExportDeps } from './exportDeps';

/**
 * Runs exports with a cancellable progress notification and turns their outcome into messages with the next step
 * (Open File, Resume, Start Over). Checkpoints live in the extension's global storage.
 */
export class ExportRunner {
  readonly store: FileCheckpointStore;
  /** Checkpoint ids of the exports running now: the same list into the same file never runs twice at once. */
  private readonly running = new Set<string>();

  constructor(private readonly deps: ExportDeps) {
    this.store = new FileCheckpointStore(path.join(deps.context.globalStorageUri.fsPath, 'exports'));
  }

  isRunning(checkpoint: Pick<Checkpoint, 'id'>): boolean {
    return this.running.has(checkpoint.id);
  }

  /** A new export of `job`, replacing its file and any checkpoint of the same list into it. */
  start(job: ExportJob): Promise<void> {
    return this.run(job, async (session, options) => startExport(session, job, options));
  }

  /** Goes on with an unfinished export, with the profile, region and endpoint it was started with. */
  resume(checkpoint: Checkpoint): Promise<void> {
    return this.run(checkpoint.job, async (session, options) => resumeExport(session, checkpoint, options));
  }

  private async run(job: ExportJob, exportWith: (session: AwsSession, options: ExportOptions) => Promise<ExportResult>): Promise<void> {
    const id = checkpointId(job);
    const file = path.basename(job.outputPath);
    if (this.running.has(id)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The export into {0} is already running.', file));
      return;
    }
    const { list } = job;
    const address = addressOf(list);
    this.running.add(id);
    this.deps.showRunning?.(this.running.size);
    let session: { session: AwsSession; dispose(): void } | undefined;
    try {
      session = await this.sessionFor(job);
      const active = session.session;
      this.deps.log.info(`Export of ${address} into ${job.outputPath} (${job.format}, page size ${job.pageSize}) started.`);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} to {1}', address, file), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const cancel = token.onCancellationRequested(() => controller.abort());
          try {
            return await exportWith(active, {
              store: this.store,
              tool: 'VS Code',
              signal: controller.signal,
              parallelism: vscode.workspace.getConfiguration('pagedAwsExplorer').get<number>('export.parallelism', DEFAULT_PARALLELISM),
              onProgress: (p) => progress.report({ message: progressText(list, p.itemsWritten, p.pagesWritten, p.itemsScanned) }),
              onResumedAt: (after) => this.deps.log.warn(resumedAtMessage(list, after)),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
      this.deps.log.info(`${doneMessage(result)} (${result.pagesWritten} pages, ${result.byteLength} bytes).`);
      void this.done(result);
    } catch (error) {
      this.running.delete(id);
      this.deps.showRunning?.(this.running.size);
      await this.failed(job, error);
    } finally {
      this.running.delete(id);
      this.deps.showRunning?.(this.running.size);
      session?.dispose();
    }
  }

  private async done(result: ExportResult): Promise<void> {
    const uri = vscode.Uri.file(result.job.outputPath);
    const [open, reveal] = [vscode.l10n.t('Open File'), vscode.l10n.t('Reveal in Explorer')];
    const choice = await vscode.window.showInformationMessage(doneMessage(result), open, reveal);
    if (choice === open) {
      await vscode.commands.executeCommand('vscode.open', uri);
    } else if (choice === reveal) {
      await vscode.commands.executeCommand('revealFileInOS', uri);
    }
  }

  /** Says what went wrong and offers the one next step that helps; the checkpoint stays until the user decides. */
  private async failed(job: ExportJob, error: unknown): Promise<void> {
    const kept = await this.store.load(checkpointId(job)).catch(() => undefined);
    const problem = describeExportProblem(error, { profile: job.target.profile, region: job.target.region, list: job.list, checkpoint: kept });
    this.deps.log.warn(`Export into ${job.outputPath}: ${problem.message} (${problem.detail})`);
    const [resume, startOver, showLog] = [vscode.l10n.t('Resume'), vscode.l10n.t('Start Over'), vscode.l10n.t('Show Log')];
    if (problem.kind === 'cancelled') {
      const choice = await vscode.window.showInformationMessage(problem.message, ...(kept ? [resume] : []));
      if (choice === resume && kept) {
        await this.resume(kept);
      }
      return;
    }
    const actions = problem.startOver ? [startOver] : problem.resumable && kept ? [resume] : [];
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Export into {0}: {1}', path.basename(job.outputPath), problem.message), ...actions, showLog);
    if (choice === startOver) {
      await this.start(kept?.job ?? job);
    } else if (choice === resume && kept) {
      await this.resume(kept);
    } else if (choice === showLog) {
      this.deps.log.show();
    }
  }

  /**
   * The session of the current connection when the job was started from it; otherwise a session of its own with
   * the job's profile, region and endpoint (a resume after the user switched profile still lists the same thing).
   */
  private async sessionFor(job: ExportJob): Promise<{ session: AwsSession; dispose(): void }> {
    const current = await this.deps.connections.connection().catch(() => undefined);
    const { target } = job;
    if (current && connectionId(current) === connectionId(target)) {
      return { session: await this.deps.connections.session(), dispose: () => undefined };
    }
    const settings = this.deps.connections.settings();
    const connection = await resolveConnection({
      profile: target.profileExplicit ? target.profile : undefined,
      region: target.region,
      endpointUrl: target.endpointUrl,
      retryMode: settings.retryMode,
      maxAttempts: settings.maxAttempts,
    });
    const session = new AwsSession(connection, this.deps.log);
    return { session, dispose: () => session.dispose() };
  }
}
