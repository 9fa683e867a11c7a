import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';

/** What the export commands need from the extension: a structural subset of the commands' deps. */
export interface ExportDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: Pick<ConnectionManager, 'session' | 'connection' | 'settings' | 'pageSize' | 'ref'>;
  /** Told how many exports run whenever that changes (the Resources view shows it as its badge). */
  readonly showRunning?: (count: number) => void;
}
