import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listingTarget } from '../core/export/checkpoint';
import { ago, countOf, resumedAtMessage } from '../core/export/messages';
import { type ListRef } from '../core/lists';
import { formatBytes, formatCount } from '../core/numbers';
import { describeProblem } from '../core/problems/problem';
import { DEFAULT_LIMITS } from '../core/answers/summary';
import { keepRankings } from '../core/answers/rankedList';
import { summaryId, summaryList, SummaryStore, type SummaryCheckpoint, type SummaryJob } from '../core/answers/summaryRun';
import { summarize } from '../core/answers/parallelSummary';
import { DEFAULT_PARALLELISM } from '../core/export/parallelExport';
import { summaryCsv, summaryDocument, summaryMarkdown, type SummaryDocument } from '../core/answers/summaryReport';
import { addressOf, kindOf } from '../core/services/registry';
import { type ExportDeps } from '../exportUi/exportDeps';
import { chooseSource } from '../exportUi/chooseList';
import { summaryHtml } from './summaryHtml';

/**
 * Summarize…: every page of a list read once (recursively, for an S3 folder) and added up, with a cancellable
 * progress notification; the running summary is checkpointed after every page in the extension's storage, so a
 * summary cancelled or cut off is offered for resume. The result opens in an editor tab.
 */
export function registerSummarize(
  deps: ExportDeps,
  selectedList: () => SummaryTarget | undefined,
  showRanked: (target: SummaryTarget, lists: readonly ListRef[]) => void,
): vscode.Disposable {
  const store = new SummaryStore(path.join(deps.context.globalStorageUri.fsPath, 'summaries'));
  const running = new Set<string>();
  return vscode.commands.registerCommand('pagedAwsExplorer.summarize', async (node?: SummaryTarget) => {
    const target = node?.list ? node : selectedList();
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a list in the Resources view to summarize it.'));
      return;
    }
    let connection;
    let list = summaryList(target.list);
    try {
      connection = await deps.connections.connection(target.home ? deps.connections.ref(target.home) : undefined);
      if (kindOf(list).alternatives) {
        const source = await chooseSource(list, await deps.connections.session(target.home ? deps.connections.ref(target.home) : undefined), vscode.l10n.t('Summarize'));
        if (!source) {
          return;
        }
        list = source;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(describeProblem(error).message);
      return;
    }
    let job: SummaryJob = {
      target: listingTarget(connection), list, pageSize: deps.connections.pageSize(), limits: DEFAULT_LIMITS, asOf: new Date().toISOString(),
    };
    const id = summaryId(job);
    if (running.has(id)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The summary of {0} is already running.', addressOf(list)));
      return;
    }
    let resume: SummaryCheckpoint | undefined = await store.load(id).catch(() => undefined);
    if (resume) {
      const [resumeLabel, startOver] = [vscode.l10n.t('Resume ({0} so far, {1})', countOf(list, resume.state.items), ago(resume.updatedAt)), vscode.l10n.t('Start Over')];
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('A summary of {0} was interrupted.', addressOf(list)), { modal: true }, resumeLabel, startOver);
      if (choice === undefined) {
        return;
      }
      if (choice === resumeLabel) {
        job = resume.job;
      } else {
        resume = undefined;
      }
    }
    running.add(id);
    const kind = kindOf(list);
    try {
      const session = await deps.connections.session(target.home ? deps.connections.ref(target.home) : undefined);
      const started = Date.now();
      const firstItems = resume?.state.items ?? 0;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Summarizing {0}', addressOf(list)), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const cancel = token.onCancellationRequested(() => controller.abort());
          try {
            return await summarize(session, job, {
              store, resume, signal: controller.signal,
              // The export's setting: the same parts, read as many at a time.
              parallelism: vscode.workspace.getConfiguration('pagedAwsExplorer').get<number>('export.parallelism', DEFAULT_PARALLELISM),
              onResumedAt: (after) => deps.log.warn(resumedAtMessage(list, after)),
              onProgress: (p) => {
                const rate = (p.items - firstItems) / Math.max(0.001, (Date.now() - started) / 1000);
                progress.report({
                  message: [
                    `${formatCount(p.items)} ${kind.itemNoun}`, ...(p.bytes === undefined ? [] : [formatBytes(p.bytes)]),
                    vscode.l10n.t('{0} pages', formatCount(p.pages)), vscode.l10n.t('{0}/s', formatCount(Math.round(rate))),
                  ].join(' · '),
                });
              },
            });
          } finally {
            cancel.dispose();
          }
        },
      );
      deps.log.info(`Summary of ${addressOf(list)}: ${result.state.items} ${kind.itemNoun} in ${result.pages} pages.`);
      showSummary(deps, summaryDocument(result));
      showRanked(target, keepRankings(id, list, result.state, job.limits.top));
    } catch (error) {
      const kept = await store.load(id).catch(() => undefined);
      const problem = describeProblem(error, { profile: connection.profile, region: connection.region });
      deps.log.warn(`Summary of ${addressOf(list)}: ${problem.message} (${problem.detail})`);
      const again = vscode.l10n.t('Resume');
      const message = problem.kind === 'cancelled'
        ? vscode.l10n.t('Summary of {0} cancelled.', addressOf(list))
        : vscode.l10n.t('Summary of {0}: {1}', addressOf(list), problem.message);
      const show = problem.kind === 'cancelled' ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
      // Resume runs Summarize… again on the same list, which offers the kept checkpoint.
      if ((await show(message, ...(kept ? [again] : []))) === again) {
        await vscode.commands.executeCommand('pagedAwsExplorer.summarize', target);
      }
    } finally {
      running.delete(id);
    }
  });
}

/** The node summarized (its list, and the connection it is under), or the list selected. */
export interface SummaryTarget {
  readonly list: ListRef;
  readonly home?: string;
}

/** The summary in an editor tab: its page, and the buttons' actions (Copy as Markdown, Save as JSON or CSV). */
function showSummary(deps: ExportDeps, doc: SummaryDocument): void {
  const panel = vscode.window.createWebviewPanel('pagedAwsExplorer.summary', vscode.l10n.t('Summary: {0}', doc.list), vscode.ViewColumn.Active, {
    enableScripts: true, localResourceRoots: [],
  });
  panel.webview.html = summaryHtml(doc, randomBytes(16).toString('base64'));
  panel.webview.onDidReceiveMessage(async (message: { command?: string }) => {
    if (message.command === 'copyMarkdown') {
      await vscode.env.clipboard.writeText(summaryMarkdown(doc));
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Summary copied as Markdown'), 3000);
    } else if (message.command === 'saveJson' || message.command === 'saveCsv') {
      const json = message.command === 'saveJson';
      const uri = await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save Summary'), filters: json ? { JSON: ['json'] } : { CSV: ['csv'] },
        defaultUri: vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', `summary.${json ? 'json' : 'csv'}`)),
      });
      if (uri) {
        await vscode.workspace.fs.writeFile(uri, Buffer.from(json ? `${JSON.stringify(doc, null, 2)}\n` : summaryCsv(doc), 'utf8'));
        deps.log.info(`Summary of ${doc.list} saved to ${uri.fsPath}.`);
      }
    }
  }, undefined, deps.context.subscriptions);
}
