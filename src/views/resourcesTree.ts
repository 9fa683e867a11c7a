import * as vscode from 'vscode';
import { describeConnection } from '../core/aws/connection';
import { type ConnectionManager, type ConnectionRef } from '../connection/connectionManager';
import { ConnectionHomes } from './connectionHomes';
import { ConnectionStatusBar } from './connectionStatusBar';
import { DetailsDocuments } from './detailsDocuments';
import { type TreeNode } from './nodes';
import { FavoritesStore } from './favoritesStore';
import { ResourcesProvider } from './resourcesProvider';

export const RESOURCES_VIEW_ID = 'pagedAwsExplorer.resources';

/** The Resources view: its VS Code adapter (one tree model per connection), the view, the connection in the status bar. */
export class ResourcesTree implements vscode.Disposable {
  readonly favorites: FavoritesStore;
  /** Each connection's tree model and state: what commands ask for a node's model and connection. */
  readonly homes: ConnectionHomes;
  readonly provider: ResourcesProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly details = new DetailsDocuments();
  private readonly statusBar = new ConnectionStatusBar();
  private readonly subscriptions: vscode.Disposable[];

  constructor(context: vscode.ExtensionContext, private readonly connections: ConnectionManager, log: vscode.LogOutputChannel) {
    this.favorites = new FavoritesStore(context.globalState);
    this.homes = new ConnectionHomes(connections, this.favorites, log);
    this.provider = new ResourcesProvider(connections, this.homes);
    // What 0.2 kept as pins (buckets, topics, tables added by hand) becomes favorites, once.
    void this.favorites.migrate().then(() => this.provider.reloadAll(), (error: unknown) => log.warn(`Favorites: ${String(error)}`));
    this.view = vscode.window.createTreeView(RESOURCES_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true, canSelectMany: true });
    this.subscriptions = [
      this.provider,
      this.homes,
      this.view,
      this.details,
      this.statusBar,
      this.homes.onDidChangeConnectionState((state) => {
        this.view.description = state.count > 1 ? vscode.l10n.t('{0} connections', state.count) : state.label;
        this.statusBar.show(state);
      }),
      // A new profile, region, endpoint or connection: drop every page at once, so nothing of an old account stays.
      connections.onDidChange(() => {
        this.homes.clearPages();
        this.provider.reloadAll();
      }),
    ];
    // The status bar shows the connection before the view is ever opened; the view checks credentials too.
    connections.connection().then(
      (connection) => this.statusBar.show({ connection, label: describeConnection(connection), count: connections.refs().length }),
      () => undefined,
    );
  }

  /** The connection a node belongs to (the default one for none). */
  refOf(node: Pick<TreeNode, 'home'> | undefined): ConnectionRef {
    return this.provider.refOf(node);
  }

  /** The session of the connection a node belongs to. */
  session(node: TreeNode | undefined) {
    return this.connections.session(this.refOf(node));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
  }
}
