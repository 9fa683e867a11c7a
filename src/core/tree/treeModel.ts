import { type AwsClients } from '../aws/clients';
import { RepeatedTokenError, isAbortError } from '../paging/errors';
import { type Page } from '../paging/pager';
import { listingPage, listingPages, type ListingRun, type ListingSpec } from '../listing';
import { describeProblem, type Problem } from '../problems/problem';
import { kindOf } from '../services/registry';
import { listKey, type ListRef, type Params, type ResourceItem } from '../lists';

/** The clients of the current connection; `connection` (an `AwsSession` has it) names profile and region in messages. */
export type TreeClients = AwsClients & { readonly connection?: { readonly profile: string; readonly region: string } };

export interface TreeModelOptions {
  /** The clients to list with; may throw the connection's own errors (unknown profile, bad endpoint). */
  clients(): Promise<TreeClients>;
  /** Items per request, where the API takes a size. */
  pageSize(): number;
}

/** A request of a list that failed; Retry sends the same token again. */
export interface ListFailure {
  readonly problem: Problem;
  /** The token of the failed request; undefined for the first page. */
  readonly token: string | undefined;
  readonly error: unknown;
}

/** What one list holds right now, for display. */
export interface ListSnapshot {
  readonly list: ListRef;
  readonly pages: readonly Page[];
  readonly items: readonly ResourceItem[];
  /** The first page has arrived. */
  readonly loaded: boolean;
  /** The token "Load more" sends; undefined once the list is complete (or before the first page). */
  readonly nextToken: string | undefined;
  /** A request of this list is in flight. */
  readonly loading: boolean;
  /** "Load all" is running on this list. */
  readonly loadingAll: boolean;
  readonly failure: ListFailure | undefined;
  /** Every page has been loaded. */
  readonly complete: boolean;
  /** What the last page said of the whole list (a search's cap), if anything. */
  readonly note?: string;
  /** For a list that shows only some of what its pages hold (a find): the items its pages held. */
  readonly scanned?: number;
}

export type LoadAllOutcome = 'complete' | 'paused' | 'cancelled' | 'failed' | 'busy';

export interface LoadAllResult {
  readonly outcome: LoadAllOutcome;
  /** Items the list holds afterwards. */
  readonly items: number;
  readonly failure?: ListFailure;
}

export interface LoadAllOptions {
  readonly signal?: AbortSignal;
  /** Called after every page with the number of items the list holds. */
  readonly onProgress?: (items: number) => void;
  /** Stop ("paused") once the list holds at least this many items and more remain, so the caller can ask first. */
  readonly maxItems?: number;
}

/** A refused or repeated token: sending it again cannot help, only starting the list over can. */
export function needsStartOver(failure: ListFailure | undefined): boolean {
  return failure?.problem.kind === 'refusedToken' || failure?.problem.kind === 'repeatedToken';
}

interface Disposable {
  dispose(): void;
}

class ListState {
  constructor(readonly list: ListRef) {}
  pages: Page[] = [];
  loaded = false;
  nextToken: string | undefined;
  failure: ListFailure | undefined;
  inFlight: { readonly promise: Promise<void>; readonly abort: AbortController; readonly all: boolean } | undefined;
  /** Tokens already sent: a page that hands one back again would make "Load more" loop. */
  readonly sentTokens = new Set<string>();
  /** Bumped by reset: answers to requests of an earlier generation are dropped. */
  generation = 0;

  itemCount(): number {
    return this.pages.reduce((sum, page) => sum + page.items.length, 0);
  }
}

/**
 * The Resources tree without VS Code: for every list, the pages loaded so far, the next token, the request in flight
 * and the last failure. "Load more" names the token it was shown with, so a stale or repeated click fetches nothing.
 */
export class TreeModel {
  private readonly states = new Map<string, ListState>();
  /** Filters set on lists' nodes (by prefix, by status…), by the key of the unfiltered list. */
  private readonly filters = new Map<string, Params>();
  /** Lists opened under a list by asking first (a Query under its table's items), by the key of that list. */
  private readonly derived = new Map<string, ListRef[]>();
  private readonly changeListeners = new Set<(list: ListRef) => void>();
  private readonly failureListeners = new Set<(list: ListRef, failure: ListFailure) => void>();
  private readonly resumeListeners = new Set<(list: ListRef, after: string, refusal: unknown) => void>();

  constructor(private readonly options: TreeModelOptions) {}

  /** Fires after any change of a list (loading started, page appended, failure, reset). */
  onDidChange(listener: (list: ListRef) => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  /** Fires once per failed request, for the log. */
  onDidFail(listener: (list: ListRef, failure: ListFailure) => void): Disposable {
    this.failureListeners.add(listener);
    return { dispose: () => this.failureListeners.delete(listener) };
  }

  /**
   * Fires when the service refused a Load more's token (a view left open for a day) and the page after the list's
   * last row was loaded instead, from the kind's position (see `streamPages`): for the log.
   */
  onDidResume(listener: (list: ListRef, after: string, refusal: unknown) => void): Disposable {
    this.resumeListeners.add(listener);
    return { dispose: () => this.resumeListeners.delete(listener) };
  }

  snapshot(list: ListRef): ListSnapshot {
    const state = this.states.get(listKey(list));
    const pages = state?.pages ?? [];
    return {
      list,
      pages,
      items: pages.flatMap((page) => page.items),
      loaded: state?.loaded ?? false,
      nextToken: state?.nextToken,
      loading: state?.inFlight !== undefined,
      loadingAll: state?.inFlight?.all ?? false,
      failure: state?.failure,
      complete: (state?.loaded ?? false) && state?.nextToken === undefined && state?.failure === undefined,
      ...(pages.at(-1)?.note !== undefined ? { note: pages.at(-1)!.note } : {}),
      ...(pages[0]?.scanned !== undefined ? { scanned: pages.reduce((sum, page) => sum + (page.scanned ?? 0), 0) } : {}),
    };
  }

  /** The list has been asked for (it has pages, a request or a failure). */
  known(list: ListRef): boolean {
    return this.states.has(listKey(list));
  }

  /** Items a list holds and whether Load All runs on it, without building its snapshot (cheap at any length). */
  progressOf(list: ListRef): { readonly items: number; readonly loadingAll: boolean } {
    const state = this.states.get(listKey(list));
    return { items: state?.itemCount() ?? 0, loadingAll: state?.inFlight?.all ?? false };
  }

  /** Loads the first page unless it is loaded, failed or on its way (then waits for it). */
  ensureLoaded(list: ListRef): Promise<void> {
    const state = this.stateOf(list);
    if (state.loaded || state.failure) {
      return Promise.resolve();
    }
    return state.inFlight?.promise ?? this.fetch(list, state, undefined);
  }

  /**
   * Fetches the page `token` names and appends it, if `token` is still the list's next token and nothing is in flight.
   * Returns false (and fetches nothing) for a stale token or a click while loading.
   */
  async loadMore(list: ListRef, token: string): Promise<boolean> {
    const state = this.states.get(listKey(list));
    if (!state || !state.loaded || state.inFlight || state.nextToken === undefined || state.nextToken !== token || needsStartOver(state.failure)) {
      return false;
    }
    await this.fetch(list, state, token);
    return true;
  }

  /** Sends the failed request again, with the same token. */
  async retry(list: ListRef): Promise<void> {
    const state = this.states.get(listKey(list));
    if (!state?.failure || state.inFlight) {
      return;
    }
    await this.fetch(list, state, state.failure.token);
  }

  /** Loads page after page until the list is complete, `signal` fires, a request fails or `maxItems` is reached. */
  async loadAll(list: ListRef, options: LoadAllOptions = {}): Promise<LoadAllResult> {
    let state = this.stateOf(list);
    if (state.inFlight?.all) {
      return { outcome: 'busy', items: state.itemCount() };
    }
    await state.inFlight?.promise;
    if (!state.loaded) {
      await (state.failure ? this.retry(list) : this.ensureLoaded(list));
    }
    if (this.states.get(listKey(list)) !== state) {
      return { outcome: 'cancelled', items: 0 };
    }
    if (!state.loaded || needsStartOver(state.failure) || (state.failure && state.nextToken === undefined)) {
      return { outcome: 'failed', items: state.itemCount(), failure: state.failure };
    }
    if (state.nextToken === undefined) {
      return { outcome: 'complete', items: state.itemCount() };
    }
    if (options.maxItems !== undefined && state.itemCount() >= options.maxItems) {
      return { outcome: 'paused', items: state.itemCount() };
    }
    if (options.signal?.aborted) {
      return { outcome: 'cancelled', items: state.itemCount() };
    }

    const abort = new AbortController();
    const stop = () => abort.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    const generation = state.generation;
    let outcome = 'complete' as LoadAllOutcome;
    const run = async () => {
      const startingToken = state.nextToken;
      let clients: TreeClients | undefined;
      try {
        clients = await this.options.clients();
        for await (const page of listingPages(clients, this.specOf(list), { token: startingToken, after: state.pages.at(-1)?.after }, this.runOf(list, abort.signal))) {
          if (state.generation !== generation) {
            outcome = 'cancelled';
            return;
          }
          this.append(list, state, page, clients);
          options.onProgress?.(state.itemCount());
          if (state.failure) {
            outcome = 'failed';
            return;
          }
          if (state.nextToken === undefined) {
            return;
          }
          if (options.maxItems !== undefined && state.itemCount() >= options.maxItems) {
            outcome = 'paused';
            return;
          }
          this.emit(list);
        }
      } catch (error) {
        if (state.generation !== generation || isAbortError(error) || abort.signal.aborted) {
          outcome = 'cancelled';
          return;
        }
        outcome = 'failed';
        this.fail(list, state, state.nextToken, error, clients);
      }
    };
    const promise = run().finally(() => {
      options.signal?.removeEventListener('abort', stop);
      if (state.generation === generation) {
        state.inFlight = undefined;
        this.emit(list);
      }
    });
    state.failure = undefined;
    state.inFlight = { promise, abort, all: true };
    this.emit(list);
    await promise;
    state = this.states.get(listKey(list)) ?? state;
    return { outcome, items: state.itemCount(), failure: outcome === 'failed' ? state.failure : undefined };
  }

  /** Forgets the list's pages (and those of every list under it), cancelling what is in flight. */
  reset(list: ListRef): void {
    const key = listKey(list);
    const state = this.states.get(key);
    if (state) {
      this.drop(key, state);
      this.emit(list);
    }
  }

  /** Reset, then load the first page again. */
  startOver(list: ListRef): Promise<void> {
    this.reset(list);
    return this.ensureLoaded(list);
  }

  /**
   * Forgets every page, e.g. when the connection changes: nothing of the old account stays. `keepFilters` keeps the
   * prefix filters (a reload of the same connection).
   */
  clear(options: { readonly keepFilters?: boolean } = {}): void {
    for (const state of this.states.values()) {
      state.generation++;
      state.inFlight?.abort.abort();
    }
    this.states.clear();
    if (!options.keepFilters) {
      this.filters.clear();
      this.derived.clear();
    }
  }

  /**
   * The lists shown above `list`'s rows because they have items (its kind's companions: a bucket's Inventory
   * Reports), after loading their first pages with the list's own. One that failed or is empty is not shown.
   */
  async companionsOf(list: ListRef): Promise<readonly ListRef[]> {
    const companions = kindOf(list).companions?.(list.params) ?? [];
    await Promise.all(companions.map((companion) => this.ensureLoaded(companion)));
    return companions.filter((companion) => {
      const state = this.states.get(listKey(companion));
      return state !== undefined && state.failure === undefined && state.itemCount() > 0;
    });
  }

  /** The lists opened under `base` by asking first, oldest first. */
  derivedOf(base: ListRef): readonly ListRef[] {
    return this.derived.get(listKey(base)) ?? [];
  }

  /** Shows `list` under `base` (once: the same query twice is one node). */
  addDerived(base: ListRef, list: ListRef): void {
    const others = this.derivedOf(base).filter((other) => listKey(other) !== listKey(list));
    this.derived.set(listKey(base), [...others, list]);
    this.emit(base);
  }

  /** Takes `list` away from under `base`, forgetting its pages. */
  removeDerived(base: ListRef, list: ListRef): void {
    const kept = this.derivedOf(base).filter((other) => listKey(other) !== listKey(list));
    if (kept.length) {
      this.derived.set(listKey(base), kept);
    } else {
      this.derived.delete(listKey(base));
    }
    this.reset(list);
    this.emit(base);
  }

  /** The filters set on a list's node (the prefix, and what list actions that narrow set): `{}` for none. */
  filtersOf(base: ListRef): Params {
    return this.filters.get(listKey(base)) ?? {};
  }

  /** Whether the list's API can filter by name prefix server-side (Filter by Prefix…). */
  isFilterable(base: ListRef): boolean {
    return kindOf(base).filterParam !== undefined;
  }

  /** The list as shown: `base` with its filters applied. */
  withFilter(base: ListRef): ListRef {
    const filters = this.filters.get(listKey(base));
    return filters ? { kind: base.kind, params: { ...base.params, ...filters } } : base;
  }

  /** Sets the prefix filter of a list (an empty prefix clears it); returns the list now shown. */
  setFilter(base: ListRef, prefix: string | undefined): ListRef {
    const param = kindOf(base).filterParam;
    if (!param) {
      throw new Error(`${kindOf(base).title(base.params)} cannot be filtered by prefix.`);
    }
    return this.narrow(base, { [param]: prefix ?? '' });
  }

  /** Adds filters to a list's node, an empty value taking one away; returns the list now shown. */
  narrow(base: ListRef, filters: Params): ListRef {
    return this.setFilters(base, { ...this.filtersOf(base), ...filters });
  }

  /** Replaces every filter of a list's node (`{}` clears them), forgetting the pages of the list shown before. */
  setFilters(base: ListRef, filters: Params): ListRef {
    const beforeKey = listKey(this.withFilter(base));
    const state = this.states.get(beforeKey);
    if (state) {
      this.drop(beforeKey, state);
    }
    const kept = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
    if (Object.keys(kept).length) {
      this.filters.set(listKey(base), kept);
    } else {
      this.filters.delete(listKey(base));
    }
    return this.withFilter(base);
  }

  private stateOf(list: ListRef): ListState {
    const key = listKey(list);
    let state = this.states.get(key);
    if (!state) {
      state = new ListState(list);
      this.states.set(key, state);
    }
    return state;
  }

  private fetch(list: ListRef, state: ListState, token: string | undefined): Promise<void> {
    const abort = new AbortController();
    const generation = state.generation;
    const run = async () => {
      let clients: TreeClients | undefined;
      try {
        clients = await this.options.clients();
        const page = await listingPage(clients, this.specOf(list), { token, after: state.pages.at(-1)?.after }, this.runOf(list, abort.signal));
        if (state.generation === generation) {
          this.append(list, state, page, clients);
        }
      } catch (error) {
        if (state.generation === generation && !abort.signal.aborted) {
          this.fail(list, state, token, error, clients);
        }
      }
    };
    const promise = run().finally(() => {
      if (state.generation === generation) {
        state.inFlight = undefined;
        this.emit(list);
      }
    });
    state.failure = undefined;
    state.inFlight = { promise, abort, all: false };
    this.emit(list);
    return promise;
  }

  /** A tree list is listed with the page size of the moment, its relative times measured from now. */
  private specOf(list: ListRef): ListingSpec {
    return { list, pageSize: this.options.pageSize() };
  }

  /**
   * A request of the list after its last row (its position is the point's `after`): a refused token goes on from
   * there, where the kind has a position, and the listeners hear of it.
   */
  private runOf(list: ListRef, signal: AbortSignal): ListingRun {
    return { signal, onResumedAt: (after, refusal) => this.resumeListeners.forEach((listener) => listener(list, after, refusal)) };
  }

  private append(list: ListRef, state: ListState, page: Page, clients: TreeClients): void {
    if (page.token !== undefined) {
      state.sentTokens.add(page.token);
    }
    state.pages.push(page);
    state.loaded = true;
    state.nextToken = page.nextToken;
    // A token handed back as it was sent is a slow page where the API is known to do that (the pager bounds it in a
    // Load All; Load more sends it again when clicked); any other token seen before is a loop.
    const slowPage = page.nextToken === page.token && kindOf(list).repeatsToken !== undefined;
    if (page.nextToken !== undefined && state.sentTokens.has(page.nextToken) && !slowPage) {
      this.fail(list, state, page.nextToken, new RepeatedTokenError(kindOf(list).tokenFields.output, list), clients);
    }
  }

  private fail(list: ListRef, state: ListState, token: string | undefined, error: unknown, clients: TreeClients | undefined): void {
    const connection = clients?.connection;
    const failure: ListFailure = { problem: describeProblem(error, { profile: connection?.profile, region: connection?.region, list }), token, error };
    state.failure = failure;
    for (const listener of this.failureListeners) {
      listener(list, failure);
    }
  }

  private drop(key: string, state: ListState): void {
    state.generation++;
    state.inFlight?.abort.abort();
    this.states.delete(key);
    for (const derived of [...(this.derived.get(key) ?? []), ...(kindOf(state.list).companions?.(state.list.params) ?? [])]) {
      const derivedKey = listKey(derived);
      const child = this.states.get(derivedKey);
      if (child) {
        this.drop(derivedKey, child);
      }
    }
    for (const page of state.pages) {
      for (const item of page.items) {
        if (item.children) {
          const childKey = listKey(this.withFilter(item.children));
          const child = this.states.get(childKey);
          if (child) {
            this.drop(childKey, child);
          }
        }
      }
    }
  }

  private emit(list: ListRef): void {
    for (const listener of this.changeListeners) {
      listener(list);
    }
  }
}
