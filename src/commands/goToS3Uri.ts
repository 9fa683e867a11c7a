import * as vscode from 'vscode';
import { s3LocationPin, s3UriProblem } from '../core/tree/pins';
import { type CommandDeps } from './deps';
import { addPinAndReveal } from './pinning';

/** Opens `s3://bucket/some/prefix/` directly in the tree, without listing the buckets (works when that is denied). */
export function registerGoToS3Uri(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.goToS3Uri', async (uri?: unknown) => {
    const value = typeof uri === 'string' ? uri : await vscode.window.showInputBox({
      title: 'Go to S3 URI',
      prompt: 'A bucket, folder or key prefix. A prefix that does not end in "/" filters its folder.',
      placeHolder: 's3://bucket/some/prefix/',
      validateInput: (text) => (text.trim() ? s3UriProblem(text) : undefined),
    });
    if (!value?.trim()) {
      return;
    }
    const problem = s3UriProblem(value);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    await addPinAndReveal(deps, s3LocationPin(value));
  });
}
