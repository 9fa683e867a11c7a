import * as vscode from 'vscode';
import { registerAddByName } from './addByName';
import { registerClearFilter } from './clearFilter';
import { registerConnections } from './connections';
import { registerCopyArn } from './copyArn';
import { registerCopyJson } from './copyJson';
import { registerCopyId } from './copyId';
import { registerCopyName } from './copyName';
import { registerCopyS3Uri } from './copyS3Uri';
import { registerCopyUrl } from './copyUrl';
import { type CommandDeps } from './deps';
import { registerFavorites } from './favorites';
import { registerFilterByPrefix } from './filterByPrefix';
import { registerGoTo } from './goTo';
import { registerKeyboard } from './keyboard';
import { registerListActions } from './listActions';
import { registerLoadAll } from './loadAll';
import { registerLoadMore } from './loadMore';
import { registerRefresh } from './refresh';
import { registerRetry } from './retry';
import { registerS3ObjectCommands } from './s3Objects';
import { registerSelectConnection } from './selectConnection';
import { registerSelectProfile } from './selectProfile';
import { registerSelectRegion } from './selectRegion';
import { registerShowDetails } from './showDetails';
import { registerShowLog } from './showLog';
import { registerStartOver } from './startOver';

/** The commands of the Resources view and the connection (export commands register on their own). */
export function registerTreeCommands(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    ...[
      registerSelectProfile, registerSelectRegion, registerSelectConnection, registerConnections, registerRefresh, registerLoadMore, registerLoadAll,
      registerRetry, registerStartOver, registerFilterByPrefix, registerClearFilter, registerGoTo, registerAddByName,
      registerFavorites, registerCopyArn, registerCopyS3Uri, registerCopyUrl, registerCopyName, registerCopyId, registerCopyJson, registerShowDetails,
      registerShowLog, registerListActions, registerKeyboard, registerS3ObjectCommands,
    ].map((register) => register(deps)),
  );
}
