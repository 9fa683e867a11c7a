import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import * as vscode from 'vscode';
import { type ResourceItem } from '../../core/lists';
import { formatBytes } from '../../core/numbers';
import { describeProblem } from '../../core/problems/problem';
import { headObject, objectOf, objectStream, objectUrl, PRESIGN_EXPIRIES, presignedUrl, unreadable } from '../../core/services/s3/objectAccess';
import { isItemNode, type ItemNode, type TreeNode } from '../../views/nodes';
import { copyValues } from '../../commands/copy';
import { type CommandDeps } from '../../commands/deps';
import { targetItems } from '../../commands/targets';
import { objectFileUri } from './objectFiles';

/** Larger objects are opened in an editor only when the user says so: VS Code holds an editor's content in memory. */
const OPEN_WITHOUT_ASKING = 50 * 1024 * 1024;

/** An S3 object row's item: its id is its S3 URI. */
type ObjectItem = ResourceItem & { readonly itemKind: 's3Object' };

/** Open, Download…, Copy Presigned URL and Copy Object URL on S3 objects: reads only (HeadObject, GetObject, local signing). */
export function registerObjectCommands(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('pagedAwsExplorer.openObject', (node?: TreeNode) => withObject(deps, node, (item, home) => openObject(deps, item, home))),
    vscode.commands.registerCommand('pagedAwsExplorer.downloadObject', (node?: TreeNode) => withObject(deps, node, (item, home) => downloadObject(deps, item, home))),
    vscode.commands.registerCommand('pagedAwsExplorer.copyPresignedUrl', (node?: TreeNode) => withObject(deps, node, (item, home) => copyPresignedUrl(deps, item, home))),
    vscode.commands.registerCommand('pagedAwsExplorer.copyObjectUrl', async (node?: TreeNode, selected?: TreeNode[]) => {
      const connection = await deps.connections.connection(deps.tree.refOf(node ?? deps.tree.view.selection[0]));
      await copyValues(targetItems(deps, node, selected).map(({ item }) => {
        if (item.itemKind !== 's3Object') {
          return undefined;
        }
        const { bucket, key } = objectOf(item.id);
        return objectUrl(bucket, key, connection);
      }), vscode.l10n.t('object URL'));
    }),
  );
}

async function withObject(deps: CommandDeps, node: TreeNode | undefined, run: (item: ObjectItem, home: ItemNode) => Promise<void>): Promise<void> {
  const target = node ?? deps.tree.view.selection[0];
  if (!isItemNode(target) || target.item.itemKind !== 's3Object') {
    return;
  }
  try {
    await run(target.item as ObjectItem, target);
  } catch (error) {
    const problem = describeProblem(error, deps.tree.homes.connection(target.home));
    deps.log.error(`${target.item.id}: ${problem.message} [${problem.detail}]`);
    void vscode.window.showErrorMessage(problem.message);
  }
}

async function openObject(deps: CommandDeps, item: ObjectItem, node: ItemNode): Promise<void> {
  const { bucket, key } = objectOf(item.id);
  const head = await headObject(await deps.tree.session(node), bucket, key, {});
  const problem = unreadable(head, item.id);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return;
  }
  if (head.size > OPEN_WITHOUT_ASKING) {
    const [open, download] = [vscode.l10n.t('Open'), vscode.l10n.t('Download…')];
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is {1}. Open it in an editor anyway, or download it?', item.name, formatBytes(head.size)), { modal: true }, open, download);
    if (choice === download) {
      return downloadObject(deps, item, node);
    }
    if (choice !== open) {
      return;
    }
  }
  await vscode.commands.executeCommand('vscode.open', objectFileUri(bucket, key, node.home), { preview: true });
}

/**
 * Streams the object to a file the user picks, with a cancellable progress notification (bytes and rate). It is written
 * under a temporary name beside the target and renamed at the end: a cancelled or failed download never leaves a file
 * that looks complete.
 */
async function downloadObject(deps: CommandDeps, item: ObjectItem, node: ItemNode): Promise<void> {
  const { bucket, key } = objectOf(item.id);
  const name = key.slice(key.lastIndexOf('/') + 1) || 'object';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Download {0}', item.id),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name),
    saveLabel: vscode.l10n.t('Download'),
  });
  if (!target) {
    return;
  }
  const file = target.fsPath;
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.download`);
  const written = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', name), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      try {
        const { body, size } = await objectStream(await deps.tree.session(node), bucket, key, { abortSignal: controller.signal });
        const started = Date.now();
        let bytes = 0;
        let shown = 0;
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // About ten reports a second at most: each one redraws the notification.
          if (Date.now() - shown >= 100) {
            shown = Date.now();
            const rate = bytes / Math.max(0.001, (shown - started) / 1000);
            progress.report({
              message: size ? vscode.l10n.t('{0} of {1} · {2}/s', formatBytes(bytes), formatBytes(size), formatBytes(Math.round(rate)))
                : vscode.l10n.t('{0} · {1}/s', formatBytes(bytes), formatBytes(Math.round(rate))),
            });
          }
        });
        await pipeline(body, createWriteStream(partial, { flags: 'wx' }), { signal: controller.signal });
        const handle = await fs.open(partial, 'r+');
        await handle.sync().finally(() => handle.close());
        await fs.rename(partial, file);
        return bytes;
      } catch (error) {
        await fs.rm(partial, { force: true });
        if (token.isCancellationRequested) {
          return undefined;
        }
        throw error;
      } finally {
        cancel.dispose();
      }
    },
  );
  if (written === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Download of {0} cancelled; nothing was written.', name));
    return;
  }
  deps.log.info(`Downloaded ${item.id} to ${file} (${written} bytes).`);
  const reveal = vscode.l10n.t('Reveal in Explorer');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Downloaded {0} ({1}).', path.basename(file), formatBytes(written)), reveal);
  if (choice === reveal) {
    await vscode.commands.executeCommand('revealFileInOS', target);
  }
}

/** A GET URL signed here, no request sent; the expiry picked from a quick pick, 1 hour suggested. */
async function copyPresignedUrl(deps: CommandDeps, item: ObjectItem, node: ItemNode): Promise<void> {
  const { bucket, key } = objectOf(item.id);
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { seconds: number }>();
  pick.title = vscode.l10n.t('Copy Presigned URL of {0}', item.name);
  pick.placeholder = vscode.l10n.t('Anyone with the link can read the object until it expires');
  pick.items = PRESIGN_EXPIRIES.map((expiry) => ({ label: expiry.label(), seconds: expiry.seconds }));
  pick.activeItems = pick.items.filter((entry) => entry.seconds === 3600);
  const seconds = await new Promise<number | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.seconds));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (seconds === undefined) {
    return;
  }
  const url = await presignedUrl(await deps.tree.session(node), bucket, key, seconds);
  await vscode.env.clipboard.writeText(url);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(link) Copied a presigned URL of {0}, valid for {1}', item.name,
    PRESIGN_EXPIRIES.find((expiry) => expiry.seconds === seconds)!.label()), 5000);
}
