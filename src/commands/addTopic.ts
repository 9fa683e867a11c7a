import * as vscode from 'vscode';
import { topicArnProblem, topicPin } from '../core/tree/pins';
import { type CommandDeps } from './deps';
import { addPinAndReveal } from './pinning';

/** Adds a topic by ARN under SNS Topics, for when ListTopics is denied. */
export function registerAddTopic(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.addTopic', async (arn?: unknown) => {
    const value = typeof arn === 'string' ? arn : await vscode.window.showInputBox({
      title: 'Add Topic by ARN',
      prompt: 'The topic stays under SNS Topics for this profile and region, even when listing topics is not allowed.',
      placeHolder: 'arn:aws:sns:us-east-1:123456789012:my-topic',
      validateInput: (text) => (text.trim() ? topicArnProblem(text) : undefined),
    });
    if (!value?.trim()) {
      return;
    }
    const problem = topicArnProblem(value);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    await addPinAndReveal(deps, topicPin(value));
  });
}
