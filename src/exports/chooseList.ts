import * as vscode from 'vscode';
import { isArn, parseArn } from '../core/resources/arn';
import { kindOf, listKey, rootLists } from '../core/resources/registry';
import { type ListRef } from '../core/resources/resource';
import { parseS3Uri } from '../core/resources/s3Uri';

type ListChoice = vscode.QuickPickItem & { readonly pick: () => Promise<ListRef | undefined> };

/** From the Command Palette: which list to export. Undefined when the user backs out. */
export async function chooseList(): Promise<ListRef | undefined> {
  const choices: ListChoice[] = [
    ...rootLists.map((list) => ({ label: kindOf(list).title(list.params), description: kindOf(list).address(list.params), pick: async () => list })),
    { label: 'Objects under an S3 URI…', description: 's3://bucket/prefix/', pick: askS3Uri },
    { label: 'Subscriptions of a topic ARN…', description: 'arn:aws:sns:region:account:topic', pick: askTopicArn },
  ];
  const choice = await vscode.window.showQuickPick(choices, { title: 'Export Full Listing', placeHolder: 'Which list?' });
  return choice?.pick();
}

async function askS3Uri(): Promise<ListRef | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Export Full Listing: objects under an S3 URI',
    prompt: 'Every key under this bucket and prefix',
    placeHolder: 's3://bucket/prefix/',
    validateInput: (text) => {
      try {
        parseS3Uri(text);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (value === undefined) {
    return undefined;
  }
  const { bucket, key } = parseS3Uri(value);
  return { kind: 's3.objects', params: { bucket, prefix: key, delimiter: '/' } };
}

async function askTopicArn(): Promise<ListRef | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Export Full Listing: subscriptions of a topic',
    placeHolder: 'arn:aws:sns:us-east-1:123456789012:my-topic',
    validateInput: (text) => (isArn(text.trim()) && parseArn(text.trim()).service === 'sns' ? undefined : 'Enter an SNS topic ARN: arn:aws:sns:region:account:topic'),
  });
  return value === undefined ? undefined : { kind: 'sns.subscriptions', params: { topicArn: value.trim() } };
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
  const setting = vscode.workspace.getConfiguration('pagedAwsExplorer').get<string>('export.s3Listing', 'recursive');
  if (setting === 'folders') {
    return list;
  }
  if (setting !== 'ask') {
    return flat;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'All keys, recursively', description: 'every object under the prefix', list: flat },
      { label: 'This folder level', description: 'objects and folders as the tree shows them', list },
    ],
    { title: 'Export Full Listing', placeHolder: 'What to export' },
  );
  return choice?.list;
}
