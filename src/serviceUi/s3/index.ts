import * as vscode from 'vscode';
import { type ServiceUi } from '../serviceUi';
import { registerObjectCommands } from './objectCommands';
import { S3_OBJECT_SCHEME, S3ObjectFiles } from './objectFiles';

/** S3 in VS Code: objects open in a read-only editor (a file system of their own), download, and share by link. */
export const s3Ui: ServiceUi = {
  id: 's3',
  register(deps) {
    const files = new S3ObjectFiles(deps.connections);
    return vscode.Disposable.from(
      registerObjectCommands(deps),
      files,
      vscode.workspace.registerFileSystemProvider(S3_OBJECT_SCHEME, files, { isReadonly: true, isCaseSensitive: true }),
    );
  },
};
