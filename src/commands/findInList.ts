import * as vscode from 'vscode';
import { findList, foundInKind, searchedParams } from '../core/find/findList';
import { describePattern, patternProblem, readPattern, type FindPattern } from '../core/find/pattern';
import { addressOf, kindOf } from '../core/services/registry';
import { type ResourceKind } from '../core/services/kind';
import { type TreeNode } from '../views/nodes';
import { type CommandDeps } from './deps';
import { targetList } from './targets';

/** How many recent finds the pattern box offers. */
const HISTORY = 10;
const HISTORY_KEY = 'pagedAwsExplorer.history.find';

/**
 * Find in List…: asks for a pattern, opens a "Find: PATTERN" list under the node and loads all of it (Load All, with
 * its cancellable progress), so matches appear under the node page by page while the rest of the view stays usable.
 * The find list pages, exports and resumes like any list; Remove takes it away.
 */
export function registerFindInList(deps: CommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand('pagedAwsExplorer.findInList', async (node?: TreeNode) => {
    const target = targetList(deps, node);
    if (!target || foundInKind(target.list.kind)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select a list in the Resources view to find in it.'));
      return;
    }
    const kind = kindOf(target.list);
    const find = await askPattern(deps.context.globalState, kind, addressOf(target.list), kind.title(target.list.params));
    if (!find) {
      return;
    }
    const list = findList(target.list, kind, find);
    const model = deps.tree.homes.model(target.home);
    model.addDerived(target.list, list);
    deps.log.info(`Find ${describePattern(find)} in ${addressOf(target.list)}: lists ${JSON.stringify(searchedParams(list.params))}`);
    const opened = deps.tree.provider.derivedNode(target, list);
    await deps.tree.view.reveal(opened, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('pagedAwsExplorer.loadAll', opened);
  });
}

interface PatternItem extends vscode.QuickPickItem {
  readonly find?: FindPattern;
  /** Pick a field to search in, then find this text in it. */
  readonly inField?: string;
}

/**
 * The pattern box: what is typed, read as text, `*`/`?` glob or `/regex/`, offered as "match case", "ignore case" and
 * "in a field…"; below, the recent finds. Enter takes the first (match case, in names).
 */
async function askPattern(memory: vscode.Memento, kind: ResourceKind, address: string, title: string): Promise<FindPattern | undefined> {
  const recent = memory.get<FindPattern[]>(HISTORY_KEY, []).filter((find) => typeof find?.pattern === 'string' && patternProblem(find) === undefined);
  const pick = vscode.window.createQuickPick<PatternItem>();
  pick.title = vscode.l10n.t('Find in {0}', title);
  pick.placeholder = vscode.l10n.t('Text, a glob (*.gz, 2024-??-*) or /a regular expression/ in the names of the {0} of {1}', kind.itemNoun, address);
  const recentItems: PatternItem[] = recent.map((find) => ({ label: describePattern(find), description: vscode.l10n.t('recent'), find }));
  const update = () => {
    const typed = pick.value;
    if (!typed) {
      pick.items = recentItems;
      return;
    }
    let exact: FindPattern;
    try {
      exact = readPattern(typed);
    } catch (error) {
      pick.items = [{ label: typed, description: (error as Error).message, alwaysShow: true }, ...recentItems];
      return;
    }
    const typedItems: PatternItem[] = [
      { label: describePattern(exact), description: exact.mode === 'regex' ? vscode.l10n.t('in names') : vscode.l10n.t('in names, match case'), find: exact, alwaysShow: true },
      ...(exact.mode === 'regex' || exact.ignoreCase ? [] : [{ label: describePattern({ ...exact, ignoreCase: true }), description: vscode.l10n.t('in names, any case'), find: { ...exact, ignoreCase: true }, alwaysShow: true }]),
      { label: vscode.l10n.t('{0} in a field…', typed), description: vscode.l10n.t('choose one of the columns'), inField: typed, alwaysShow: true },
    ];
    pick.items = [...typedItems, ...recentItems];
  };
  update();
  pick.onDidChangeValue(update);
  const chosen = await new Promise<PatternItem | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      if (item && (item.find || item.inField !== undefined)) {
        resolve(item);
        pick.hide();
      }
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  let find = chosen?.find;
  if (chosen?.inField !== undefined) {
    const field = await askField(kind);
    if (field === undefined) {
      return undefined;
    }
    const caseChoice = await vscode.window.showQuickPick([vscode.l10n.t('Match case'), vscode.l10n.t('Any case')], { title: vscode.l10n.t('Find {0} in {1}', chosen.inField, field) });
    if (caseChoice === undefined) {
      return undefined;
    }
    find = readPattern(chosen.inField, { field, ignoreCase: caseChoice === vscode.l10n.t('Any case') });
  }
  if (find) {
    await memory.update(HISTORY_KEY, [find, ...recent.filter((other) => describePattern(other) !== describePattern(find))].slice(0, HISTORY));
  }
  return find;
}

/** A field of the records: one of the kind's columns, or a path typed (`State.Name`, `Tags`). */
async function askField(kind: ResourceKind): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick();
  pick.title = vscode.l10n.t('Find in Field');
  pick.placeholder = vscode.l10n.t('A column of the {0}, or a field path such as State.Name', kind.itemNoun);
  const columns = kind.columns.map((column) => ({ label: column }));
  pick.items = columns;
  pick.onDidChangeValue((typed) => {
    pick.items = typed && !kind.columns.includes(typed) ? [...columns, { label: typed, description: vscode.l10n.t('field path'), alwaysShow: true }] : columns;
  });
  return new Promise((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.label ?? (pick.value || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
