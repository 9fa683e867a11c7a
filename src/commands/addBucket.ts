import * as vscode from 'vscode';
import { bucketNameProblem, bucketPin } from '../core/tree/pins';
import { type CommandDeps } from './deps';
import { addPinAndReveal } from './pinning';

/** Adds a bucket by name under S3 Buckets, for when ListBuckets is denied or the bucket is in another account. */
export function registerAddBucket(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.addBucket', async (name?: unknown) => {
    const value = typeof name === 'string' ? name : await vscode.window.showInputBox({
      title: 'Add Bucket by Name',
      prompt: 'The bucket stays under S3 Buckets for this profile and region, even when listing buckets is not allowed.',
      placeHolder: 'my-bucket',
      validateInput: (text) => (text.trim() ? bucketNameProblem(text) : undefined),
    });
    if (!value?.trim()) {
      return;
    }
    const problem = bucketNameProblem(value);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    await addPinAndReveal(deps, bucketPin(value));
  });
}
