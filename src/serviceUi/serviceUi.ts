import type * as vscode from 'vscode';
import { type CommandDeps } from '../commands/deps';

/**
 * What a service adds to VS Code beyond the tree, the export and its list actions, which every service gets from its
 * kinds: commands and providers of its own (S3's objects in an editor). Listed once in registry.ts.
 */
export interface ServiceUi {
  /** The service's id, as in `src/core/services/registry.ts`. */
  readonly id: string;
  register(deps: CommandDeps): vscode.Disposable;
}
