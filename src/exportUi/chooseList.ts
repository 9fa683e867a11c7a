import * as vscode from 'vscode';
import { addressForms, addressOf, addressProblem, kindOf, parseAddress, rootLists } from '../core/services/registry';
import { listKey, type ListRef } from '../core/lists';
import { type AwsClients } from '../core/aws/clients';
import { formatCount, roughDuration } from '../core/numbers';

type ListChoice = vscode.QuickPickItem & { readonly pick: () => Promise<ListRef | undefined> };

/** From the Command Palette: which list to export, a top-level one or any list by its address. Undefined when the user backs out. */
export async function chooseList(): Promise<ListRef | undefined> {
  const tops = new Set(rootLists.map(addressOf));
  const choices: ListChoice[] = [
    ...rootLists.map((list) => ({ label: kindOf(list).title(list.params), description: addressOf(list), pick: async () => list })),
    { label: vscode.l10n.t('A list by its address…'), description: addressForms.filter((form) => !tops.has(form.form)).map((form) => form.form).join(', '), pick: askAddress },
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Export Full Listing'), placeHolder: vscode.l10n.t('Which list?') });
  return choice?.pick();
}

async function askAddress(): Promise<ListRef | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export Full Listing: a list by its address'),
    prompt: addressForms.map((form) => `${form.form}: ${form.description}`).join('; '),
    placeHolder: vscode.l10n.t('s3://bucket/prefix/'),
    validateInput: (text) => (text.trim() ? addressProblem(text.trim()) : undefined),
  });
  return value?.trim() ? parseAddress(value.trim()) : undefined;
}

/**
 * For lists shown as folders (S3): every nested item (the default), or the one level the tree shows, as the
 * `pagedAwsExplorer.export.s3Listing` setting says, or as the user picks when it is "ask".
 */
export async function chooseDepth(list: ListRef): Promise<ListRef | undefined> {
  const flatten = kindOf(list).flatten;
  if (!flatten) {
    return list;
  }
  const flat: ListRef = { kind: list.kind, params: flatten(list.params) };
  if (listKey(flat) === listKey(list)) {
    return list;
  }
  if (!kindOf(list).folders) {
    return flat;
  }
  const setting = vscode.workspace.getConfiguration('pagedAwsExplorer').get<string>('export.s3Listing', 'recursive');
  if (setting === 'folders') {
    return list;
  }
  if (setting !== 'ask') {
    return flat;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('All keys, recursively'), description: vscode.l10n.t('every object under the prefix'), list: flat },
      { label: vscode.l10n.t('This folder level'), description: vscode.l10n.t('objects and folders as the tree shows them'), list },
    ],
    { title: vscode.l10n.t('Export Full Listing'), placeHolder: vscode.l10n.t('What to export') },
  );
  return choice?.list;
}

/**
 * Where to read a list from, when a faster copy of it exists (a bucket's S3 Inventory report younger than a week):
 * that copy, as of its date, or the list itself, live; each with what reading it takes. The list itself when there
 * is none; undefined when the user backs out.
 */
export async function chooseSource(list: ListRef, clients: AwsClients, title: string): Promise<ListRef | undefined> {
  const alternatives = kindOf(list).alternatives;
  if (!alternatives) {
    return list;
  }
  const above = vscode.workspace.getConfiguration('pagedAwsExplorer').get<number>('export.inventoryAbove', 100_000);
  const found = (await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking for inventory reports…') },
    () => alternatives(clients, list.params, {}).catch(() => []),
  )).filter((alternative) => alternative.items === undefined || alternative.items >= above);
  if (!found.length) {
    return list;
  }
  const items = found.find((alternative) => alternative.items !== undefined)?.items;
  const pageSize = kindOf(list).pageSizeLimits?.max ?? 1000;
  const live = {
    label: vscode.l10n.t('Live listing'),
    detail: items === undefined
      ? vscode.l10n.t('every item as it is now, {0} a request', formatCount(pageSize))
      : vscode.l10n.t('every item as it is now: about {0} requests of {1}, about {2} at 100 ms a request', formatCount(Math.ceil(items / pageSize)), formatCount(pageSize), roughDuration((items / pageSize) * 0.1)),
    list,
  };
  const choice = await vscode.window.showQuickPick([...found.map((alternative) => ({ label: alternative.label, detail: alternative.detail, list: alternative.list })), live], {
    title, placeHolder: vscode.l10n.t('Read {0} from…', addressOf(list)),
  });
  return choice?.list;
}
