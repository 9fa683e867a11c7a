import * as vscode from 'vscode';
import { adders, parseAddress } from '../core/services/registry';
import { favoriteOf } from '../core/tree/favorites';
import { type Adder } from '../core/services/service';
import { adderPin, adderProblem } from '../core/tree/pins';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { addFavoriteAndReveal, currentScope } from './favorites';

/**
 * Add Bucket by Name…, Add Topic by ARN…, Add Table by Name…: for when a listing is denied or the resource is in
 * another account; what is added is a favorite. On a top-level list it adds that list's kind; from the view's menu it
 * asks which first.
 */
export function registerAddByName(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.addByName', async (node?: TreeNode, text?: unknown) => {
    const adder = node?.type === 'list' && node.role === 'root' ? adders.find((a) => a.root === node.base.kind) : await chooseAdder();
    const scope = adder && await currentScope(deps, node);
    if (!adder || !scope) {
      return;
    }
    const value = typeof text === 'string' ? text : await vscode.window.showInputBox({
      title: adder.title,
      prompt: adder.prompt,
      placeHolder: adder.placeholder,
      validateInput: (input) => (input.trim() ? adderProblem(adder, input, scope) : undefined),
    });
    if (!value?.trim()) {
      return;
    }
    const problem = adderProblem(adder, value, scope);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    adderPin(adder, value, scope);
    await addFavoriteAndReveal(deps, favoriteOf(parseAddress(adder.address(value))), node);
  });
}

async function chooseAdder(): Promise<Adder | undefined> {
  if (adders.length === 1) {
    return adders[0];
  }
  const pick = await vscode.window.showQuickPick(
    adders.map((adder) => ({ label: `${adder.title}…`, description: adder.placeholder, adder })),
    { title: vscode.l10n.t('Add by Name or ARN'), placeHolder: vscode.l10n.t('What to add') },
  );
  return pick?.adder;
}
