import * as vscode from 'vscode';
import { describeProblem } from '../../core/problems/problem';
import { headObject, objectBytes, unreadable } from '../../core/services/s3/objectAccess';
import { DEFAULT_CONNECTION, type ConnectionManager } from '../../connection/connectionManager';

/** The scheme of S3 objects opened in an editor: `paged-aws-s3:/BUCKET/KEY?connection=KEY` (the connection it came from). */
export const S3_OBJECT_SCHEME = 'paged-aws-s3';

export function objectFileUri(bucket: string, key: string, home: string): vscode.Uri {
  return vscode.Uri.from({ scheme: S3_OBJECT_SCHEME, path: `/${bucket}/${key}`, query: new URLSearchParams({ connection: home }).toString() });
}

function objectOfUri(uri: vscode.Uri): { bucket: string; key: string; home: string } {
  const path = uri.path.slice(1);
  const slash = path.indexOf('/');
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), home: new URLSearchParams(uri.query).get('connection') ?? DEFAULT_CONNECTION };
}

/**
 * S3 objects as read-only files (HeadObject for stat, GetObject for the bytes), so VS Code picks the editor: text with
 * its language, JSON, an image, or its notice for binary files. Nothing here writes: every change is refused.
 */
export class S3ObjectFiles implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor(private readonly connections: ConnectionManager) {}

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { bucket, key, home } = objectOfUri(uri);
    const head = await this.call(home, uri, async (session) => headObject(session, bucket, key, {}));
    const mtime = head.lastModified?.getTime() ?? 0;
    return { type: vscode.FileType.File, ctime: mtime, mtime, size: head.size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { bucket, key, home } = objectOfUri(uri);
    return this.call(home, uri, async (session) => {
      const problem = unreadable(await headObject(session, bucket, key, {}), `s3://${bucket}/${key}`);
      if (problem) {
        throw vscode.FileSystemError.Unavailable(problem);
      }
      return objectBytes(session, bucket, key, {});
    });
  }

  /** An error of the service as the file system error VS Code shows: a clear message, never an empty editor. */
  private async call<T>(home: string, uri: vscode.Uri, body: (session: Awaited<ReturnType<ConnectionManager['session']>>) => Promise<T>): Promise<T> {
    const ref = this.connections.ref(home);
    if (!ref) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('The connection this object was opened from is no longer in the tree.'));
    }
    try {
      return await body(await this.connections.session(ref));
    } catch (error) {
      if (error instanceof vscode.FileSystemError) {
        throw error;
      }
      const problem = describeProblem(error);
      if (problem.kind === 'notFound') {
        throw vscode.FileSystemError.FileNotFound(uri);
      }
      throw problem.kind === 'accessDenied' ? vscode.FileSystemError.NoPermissions(problem.message) : vscode.FileSystemError.Unavailable(problem.message);
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  readDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Browse S3 in the Resources view.'));
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Paged AWS Explorer is read-only.'));
  }

  writeFile(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Paged AWS Explorer is read-only.'));
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Paged AWS Explorer is read-only.'));
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Paged AWS Explorer is read-only.'));
  }

  dispose(): void {
    this.changes.dispose();
  }
}
