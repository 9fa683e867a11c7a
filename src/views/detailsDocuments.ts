import * as vscode from 'vscode';
import { exactJson } from '../core/json';
import { type Value } from '../core/lists';

export const DETAILS_SCHEME = 'paged-aws-details';

/**
 * Read-only JSON documents for Show Details. A document of a custom scheme cannot be saved over anything; its text
 * is kept here until the editor is closed.
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private counter = 0;

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.contents.delete(document.uri.toString())),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '// These details are no longer available: run Show Details again.';
  }

  /** Opens `value` as JSON in a read-only editor titled `title.json`. */
  async open(title: string, value: Value): Promise<void> {
    const safeTitle = title.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 120) || 'details';
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${safeTitle}.json`, query: String(++this.counter) });
    this.contents.set(uri.toString(), `${exactJson(value, 2)}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.contents.clear();
  }
}
