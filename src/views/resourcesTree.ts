import * as vscode from 'vscode';
import { describeConnection } from '../core/aws/connection';
import { addressOf, kindOf } from '../core/services/registry';
import { TreeModel } from '../core/tree/treeModel';
import { type ConnectionManager } from '../connection/connectionManager';
import { ConnectionStatusBar } from './connectionStatusBar';
import { DetailsDocuments } from './detailsDocuments';
import { type TreeNode } from './nodes';
import { FavoritesStore } from './favoritesStore';
import { ResourcesProvider } from './resourcesProvider';

export const RESOURCES_VIEW_ID = 'pagedAwsExplorer.resources';

/** The Resources view: the tree model, its VS Code adapter, the view, the connection in the status bar. */
export class ResourcesTree implements vscode.Disposable {
  readonly model: TreeModel;
  readonly favorites: FavoritesStore;
  readonly provider: ResourcesProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly details = new DetailsDocuments();
  private readonly statusBar = new ConnectionStatusBar();
  private readonly subscriptions: vscode.Disposable[];

  constructor(context: vscode.ExtensionContext, connections: ConnectionManager, log: vscode.LogOutputChannel) {
    this.model = new TreeModel({ clients: () => connections.session(), pageSize: () => connections.pageSize() });
    this.favorites = new FavoritesStore(context.globalState);
    this.provider = new ResourcesProvider(this.model, connections, this.favorites, log);
    // What 0.2 kept as pins (buckets, topics, tables added by hand) becomes favorites, once.
    void this.favorites.migrate().then(() => this.provider.reloadAll(), (error: unknown) => log.warn(`Favorites: ${String(error)}`));
    this.view = vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: true });
    const onFail = this.model.onDidFail((list, failure) => {
      log.error(`Failed to load ${kindOf(list).title(list.params)} (${addressOf(list)}, ${failure.token === undefined ? 'first page' : 'a later page'}): `
        + `${failure.problem.message} [${failure.problem.detail}]`);
    });
    const onResume = this.model.onDidResume((list, after) => {
      log.warn(`The service refused the ${kindOf(list).tokenFields.input} of ${addressOf(list)} (it may have expired); `
        + `loaded the page after ${JSON.stringify(after)}, the last row's ${kindOf(list).position?.input}, instead: no row is missing or repeated.`);
    });
    this.subscriptions = [
      this.provider,
      this.view,
      this.details,
      this.statusBar,
      onFail,
      onResume,
      this.provider.onDidChangeConnectionState((state) => {
        this.view.description = state.label;
        this.statusBar.show(state);
      }),
      // A new profile, region or endpoint: drop every page at once, so nothing of the old account stays on screen.
      connections.onDidChange(() => {
        this.model.clear({ keepFilters: true });
        this.provider.reloadAll();
      }),
    ];
    // The status bar shows the connection before the view is ever opened; the view checks credentials too.
    connections.connection().then(
      (connection) => this.statusBar.show({ connection, label: describeConnection(connection) }),
      () => undefined,
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
