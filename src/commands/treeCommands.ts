import * as vscode from 'vscode';
import { registerAddByName } from './addByName';
import { registerClearFilter } from './clearFilter';
import { registerConnections } from './connections';
import { registerCopy } from './copy';
import { registerCopyJson } from './copyJson';
import { type CommandDeps } from './deps';
import { registerFavorites } from './favorites';
import { registerFilterByPrefix } from './filterByPrefix';
import { registerFindInList } from './findInList';
import { registerGoTo } from './goTo';
import { registerKeyboard } from './keyboard';
import { registerListActions } from './listActions';
import { registerLoadAll } from './loadAll';
import { registerLoadMore } from './loadMore';
import { registerOpenInConsole } from './openInConsole';
import { registerRefresh } from './refresh';
import { registerRetry } from './retry';
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
      registerRetry, registerStartOver, registerFilterByPrefix, registerFindInList, registerClearFilter, registerGoTo, registerAddByName,
      registerFavorites, registerCopy, registerCopyJson, registerOpenInConsole, registerShowDetails, registerShowLog, registerListActions, registerKeyboard,
    ].map((register) => register(deps)),
  );
}
