import * as vscode from 'vscode';
import { describeProblem } from '../core/problems/problem';
import { actions, addressOf } from '../core/services/registry';
import { type ListAction, type Prompter } from '../core/services/service';
import { isItemNode, isListNode, type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';

/**
 * The services' list actions ("Query by Partition Key…", "Filter by State…"), one command each: ask the user through
 * quick picks and input boxes, then open the list under the node they were asked on, expanded.
 */
export function registerListActions(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(...actions.map((action) =>
    vscode.commands.registerCommand(`pagedAwsExplorer.${action.command}`, (node?: TreeNode) => run(deps, action, node))));
}

async function run(deps: CommandDeps, action: ListAction, node?: TreeNode): Promise<void> {
  const target = node ?? deps.tree.view.selection[0];
  const applies = action.listKind
    ? isListNode(target) && target.list.kind === action.listKind
    : isItemNode(target) && target.item.itemKind === action.itemKind && target.list !== undefined;
  if (!applies || !isListNode(target)) {
    return;
  }
  const item = isItemNode(target) ? target.item : undefined;
  let list;
  try {
    list = await action.open({ item, list: target.list }, await deps.tree.session(target), prompter, {});
  } catch (error) {
    const problem = describeProblem(error, deps.tree.provider.currentConnection(target.home));
    deps.log.error(`${action.command} ${item?.id ?? addressOf(target.list)}: ${problem.message} [${problem.detail}]`);
    void vscode.window.showErrorMessage(problem.message);
    return;
  }
  if (!list) {
    return;
  }
  deps.tree.modelOf(target).addDerived(target.list, list);
  const opened = deps.tree.provider.derivedNode(target, list);
  await deps.tree.view.reveal(opened, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
}

const prompter: Prompter = {
  async pick({ title, placeholder, choices }) {
    const chosen = await vscode.window.showQuickPick(choices.map((choice) => ({ label: choice.label, description: choice.description, choice })), { title, placeHolder: placeholder });
    return chosen?.choice.value;
  },
  input({ title, prompt, placeholder, value, validate }) {
    return Promise.resolve(vscode.window.showInputBox({ title, prompt, placeHolder: placeholder, value, validateInput: validate }));
  },
};
