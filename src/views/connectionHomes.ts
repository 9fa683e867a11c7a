import * as vscode from 'vscode';
import { connectionId, describeConnection, type Connection } from '../core/aws/connection';
import { type ListRef } from '../core/lists';
import { scopeOf } from '../core/paging/pager';
import { describeProblem, type Problem } from '../core/problems/problem';
import { addressOf, kindOf, rootLists } from '../core/services/registry';
import { favoriteView, type Favorite, type FavoriteView } from '../core/tree/favorites';
import { TreeModel } from '../core/tree/treeModel';
import { DEFAULT_CONNECTION, type ConnectionManager, type ConnectionRef } from '../connection/connectionManager';
import { type FavoritesStore } from './favoritesStore';

/** What the top of the tree knows about the default connection; the view description and status bar show it. */
export interface ConnectionState {
  readonly connection?: Connection;
  readonly problem?: Problem;
  /** "profile · region", with "custom endpoint" when one is set. */
  readonly label: string;
  /** How many connections the tree shows side by side. */
  readonly count: number;
}

/** Missing credentials or an unknown profile: the welcome view (viewsWelcome) explains and offers a profile. */
const WELCOME_PROBLEMS = new Set<Problem['kind']>(['noCredentials', 'unknownProfile']);
export const CONNECTION_PROBLEM_CONTEXT = 'pagedAwsExplorer.connectionProblem';

/**
 * One connection in the tree: its own tree model (pages, tokens, filters, requests in flight), the connection as last
 * resolved, and its favorites as last loaded. Nothing of one connection is shared with another: the same bucket name in
 * two accounts is two lists.
 */
interface Home {
  readonly model: TreeModel;
  connection?: Connection;
  problem?: Problem;
  /** The resolved connection's id the model's pages belong to: another one clears them. */
  loadedFor?: string;
  /** The favorites of `loadedFor`, read from the store once; undefined until read, or after they changed. */
  favorites?: ReadonlyArray<{ readonly favorite: Favorite; readonly view: FavoriteView }>;
  readonly subscriptions: vscode.Disposable[];
}

/** A favorite, the way it shows: as the item that owns its list, else as the list. */
export type FavoriteEntry = NonNullable<Home['favorites']>[number];

/**
 * The connections' homes: a tree model per connection, made on first use, and each connection as last resolved, with
 * the default one's state for the view's description, the status bar and the welcome view. Commands ask here for the
 * model and connection of a node's `home`.
 */
export class ConnectionHomes implements vscode.Disposable {
  private readonly homes = new Map<string, Home>();
  private readonly stateChanged = new vscode.EventEmitter<ConnectionState>();
  /** The default connection as the top of the tree last found it. */
  readonly onDidChangeConnectionState = this.stateChanged.event;
  private readonly listChanged = new vscode.EventEmitter<{ readonly home: string; readonly list: ListRef }>();
  /** A list of a connection's model changed (loading, a page, a failure, a reset). */
  readonly onDidChangeList = this.listChanged.event;

  constructor(private readonly connections: ConnectionManager, private readonly store: FavoritesStore, private readonly log: vscode.LogOutputChannel) {}

  /** The tree model of a connection (the default one's when no key is given). */
  model(key: string = DEFAULT_CONNECTION): TreeModel {
    return this.home(key).model;
  }

  /** A connection as last resolved for the tree (the default one's when no key is given). */
  connection(key: string = DEFAULT_CONNECTION): Connection | undefined {
    return this.homes.get(key)?.connection;
  }

  problem(key: string): Problem | undefined {
    return this.homes.get(key)?.problem;
  }

  /**
   * Resolves a connection and checks its credentials (no request). Its state is kept for its node and, for the default
   * connection, the status bar and the welcome view (shown only when it is alone and at the top). Resolves whether the
   * connection or its problem changed since the last time.
   */
  async resolve(ref: ConnectionRef, alone: boolean): Promise<{ readonly connection?: Connection; readonly problem?: Problem; readonly changed: boolean }> {
    const home = this.home(ref.key);
    let connection: Connection | undefined;
    let problem: Problem | undefined;
    try {
      connection = await this.connections.connection(ref);
      await this.connections.checkCredentials(ref);
    } catch (error) {
      const settings = this.connections.settings(ref);
      problem = describeProblem(error, { profile: connection?.profile ?? settings.profile, region: connection?.region });
      this.log.warn(`Connection ${connection ? describeConnection(connection) : settings.profile ?? 'default'}: ${problem.message} (${problem.detail})`);
    }
    const shown = (c: Connection | undefined, p: Problem | undefined): string => `${c ? connectionId(c) : ''}|${p?.message ?? ''}`;
    const before = shown(home.connection, home.problem);
    home.connection = problem ? undefined : connection;
    home.problem = problem;
    if (home.connection && home.loadedFor !== connectionId(home.connection)) {
      // Another account or region for this connection: its pages, filters and favorites are not these.
      home.model.clear();
      home.loadedFor = connectionId(home.connection);
      home.favorites = undefined;
    }
    if (ref.isDefault) {
      const settings = this.connections.settings(ref);
      const label = connection ? describeConnection(connection) : vscode.l10n.t('{0} · not connected', settings.profile ?? 'default');
      const welcome = alone && problem !== undefined && WELCOME_PROBLEMS.has(problem.kind);
      void vscode.commands.executeCommand('setContext', CONNECTION_PROBLEM_CONTEXT, welcome);
      this.stateChanged.fire({ connection, problem, label, count: this.connections.refs().length });
    }
    return { connection: home.connection, problem, changed: before !== shown(home.connection, home.problem) };
  }

  /** Whether a problem is one the welcome view explains (then the tree of a lone connection shows nothing). */
  isWelcomeProblem(problem: Problem): boolean {
    return WELCOME_PROBLEMS.has(problem.kind);
  }

  /**
   * The favorites of a resolved connection, read from the store once (until they change): each as the item that owns
   * its list, with that list's filter set on the model, or as the list itself. A favorite that no longer reads (a kind
   * of an older version) is left out, and said in the log.
   */
  favorites(key: string): readonly FavoriteEntry[] {
    const home = this.homes.get(key);
    const connection = home?.connection;
    if (!home || !connection) {
      return [];
    }
    if (!home.favorites) {
      const scope = scopeOf(connection);
      home.favorites = this.store.list(connection).flatMap((favorite) => {
        try {
          const view = favoriteView(favorite, scope);
          const children = view.type === 'item' ? view.pin.item.children : undefined;
          if (view.type === 'item' && view.pin.filter && children && home.model.filtersOf(children)[kindOf(children).filterParam ?? ''] === undefined) {
            home.model.setFilter(children, view.pin.filter);
          }
          return [{ favorite, view }];
        } catch (error) {
          this.log.warn(`Favorite ${favorite.address}: ${(error as Error).message}`);
          return [];
        }
      });
    }
    return home.favorites;
  }

  /** The favorites are read from the store again (they were added, removed or renamed). */
  favoritesChanged(): void {
    for (const home of this.homes.values()) {
      home.favorites = undefined;
    }
  }

  /**
   * The top-level lists of a resolved connection: every service's, but those its account does not have (see
   * `available`; asked once per connection, cached by its session).
   */
  async rootsOf(ref: ConnectionRef): Promise<readonly ListRef[]> {
    const conditional = rootLists.filter((list) => kindOf(list).available);
    if (conditional.length === 0) {
      return rootLists;
    }
    const session = await this.connections.session(ref);
    const shown = new Set<ListRef>(await Promise.all(conditional.map(async (list) => {
      const available = await session.cached(`available:${list.kind}`, () => kindOf(list).available!(session, {}).catch(() => false));
      return available ? list : undefined;
    })).then((lists) => lists.filter((list): list is ListRef => list !== undefined)));
    return rootLists.filter((list) => !kindOf(list).available || shown.has(list));
  }

  /** Drops the homes of connections that are gone. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const [key, home] of this.homes) {
      if (!keys.has(key)) {
        home.model.clear();
        home.subscriptions.forEach((subscription) => subscription.dispose());
        this.homes.delete(key);
      }
    }
  }

  /** Drops every page of every connection (its filters kept): the next expand loads again. */
  clearPages(): void {
    for (const home of this.homes.values()) {
      home.model.clear({ keepFilters: true });
      home.loadedFor = undefined;
      home.favorites = undefined;
    }
  }

  dispose(): void {
    this.keepOnly(new Set());
    this.stateChanged.dispose();
    this.listChanged.dispose();
  }

  private home(key: string): Home {
    let home = this.homes.get(key);
    if (!home) {
      const model = new TreeModel({ clients: () => this.connections.session(this.connections.ref(key)), pageSize: () => this.connections.pageSize() });
      home = {
        model,
        subscriptions: [
          model.onDidChange((list) => this.listChanged.fire({ home: key, list })),
          model.onDidFail((list, failure) => {
            this.log.error(`Failed to load ${kindOf(list).title(list.params)} (${addressOf(list)}, ${failure.token === undefined ? 'first page' : 'a later page'}): `
              + `${failure.problem.message} [${failure.problem.detail}]`);
          }),
          model.onDidResume((list, after) => {
            this.log.warn(`The service refused the ${kindOf(list).tokenFields.input} of ${addressOf(list)} (it may have expired); `
              + `loaded the page after ${JSON.stringify(after)}, the last row's ${kindOf(list).position?.input}, instead: no row is missing or repeated.`);
          }),
        ],
      };
      this.homes.set(key, home);
    }
    return home;
  }
}
