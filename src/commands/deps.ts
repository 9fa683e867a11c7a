import type * as vscode from 'vscode';
import type { ConnectionManager } from '../connection/connectionManager';
import type { ResourcesTree } from '../views/resourcesTree';

/** What every command registration gets from `extension.ts`. */
export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly connections: ConnectionManager;
  readonly tree: ResourcesTree;
}
