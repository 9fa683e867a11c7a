import * as vscode from 'vscode';
import { describeProblem } from '../core/problems/problem';
import { actions, addressOf } from '../core/services/registry';
import { type ListAction, type Prompter } from '../core/services/service';
import { isItemNode, isListHolder, type TreeNode } from '../views/nodes';
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
    ? isListHolder(target) && [action.listKind].flat().includes(target.list.kind)
    : isItemNode(target) && target.item.itemKind === action.itemKind && target.list !== undefined;
  if (!applies || !isListHolder(target)) {
    return;
  }
  const item = isItemNode(target) ? target.item : undefined;
  let list;
  try {
    list = await action.open({ item, list: target.list }, await deps.tree.session(target), prompterFor(deps.context.globalState), {});
  } catch (error) {
    const problem = describeProblem(error, deps.tree.homes.connection(target.home));
    deps.log.error(`${action.command} ${item?.id ?? addressOf(target.list)}: ${problem.message} [${problem.detail}]`);
    void vscode.window.showErrorMessage(problem.message);
    return;
  }
  if (!list) {
    return;
  }
  const model = deps.tree.homes.model(target.home);
  if (action.narrows) {
    // The parameters it changed become the node's filters ('' takes one away).
    const changed = new Set([...Object.keys(list.params), ...Object.keys(target.list.params)].filter((param) => list.params[param] !== target.list.params[param]));
    model.narrow(target.base, Object.fromEntries([...changed].map((param) => [param, list.params[param] ?? ''])));
    deps.tree.provider.refreshList(target);
    await deps.tree.view.reveal(target, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
    return;
  }
  model.addDerived(target.list, list);
  const opened = deps.tree.provider.derivedNode(target, list);
  await deps.tree.view.reveal(opened, { select: true, focus: true, expand: true }).then(undefined, () => undefined);
}

/** How many recent entries an input with a history keeps. */
const HISTORY = 10;

/** Quick picks and input boxes; an input with a history offers its recent entries in a quick pick you can type into. */
function prompterFor(memory: vscode.Memento): Prompter {
  return {
    async pick({ title, placeholder, choices }) {
      const chosen = await vscode.window.showQuickPick(choices.map((choice) => ({ label: choice.label, description: choice.description, choice })), { title, placeHolder: placeholder });
      return chosen?.choice.value;
    },
    async input({ title, prompt, placeholder, value, validate, history }) {
      const key = history && `pagedAwsExplorer.history.${history}`;
      const recent = key ? memory.get<string[]>(key, []) : [];
      const entered = recent.length === 0
        ? await vscode.window.showInputBox({ title, prompt, placeHolder: placeholder, value, validateInput: validate })
        : await pickOrType(title, prompt, placeholder, value, recent, validate);
      if (key && entered !== undefined && entered.trim() !== '') {
        await memory.update(key, [entered, ...recent.filter((other) => other !== entered)].slice(0, HISTORY));
      }
      return entered;
    },
  };
}

/** A quick pick of recent entries that takes what is typed as a new one. */
function pickOrType(
  title: string, prompt: string, placeholder: string | undefined, value: string | undefined, recent: readonly string[], validate?: (text: string) => string | undefined,
): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = title;
  pick.placeholder = placeholder ?? prompt;
  pick.value = value ?? '';
  const recentItems = recent.map((entry) => ({ label: entry, description: vscode.l10n.t('recent') }));
  const update = () => {
    const typed = pick.value;
    const problem = typed ? validate?.(typed) : undefined;
    pick.items = typed && !recent.includes(typed) ? [{ label: typed, description: problem ?? prompt }, ...recentItems] : recentItems;
  };
  update();
  pick.onDidChangeValue(update);
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.label ?? pick.value;
      if (validate?.(chosen)) {
        return;
      }
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
