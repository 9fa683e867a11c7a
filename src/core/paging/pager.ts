import { setTimeout as sleep } from 'node:timers/promises';
import { type AwsClients } from '../aws/clients';
import { load } from '../aws/sdk';
import { partitionOf } from '../aws/partition';
import { type ResourceItem, type Scope } from '../lists';
import { RefusedTokenError, RepeatedTokenError, throwIfAborted } from './errors';
import { nextTokenOf, pageSizeFor, type PagedList } from './listPaging';

/** One page of a list, as the tree and the exporter see it. */
export interface Page {
  /** The token that was sent for this page (undefined for the first page, and for one that starts at a position). */
  readonly token: string | undefined;
  readonly items: ResourceItem[];
  /** The token of the page after this one; undefined when the list is complete. */
  readonly nextToken: string | undefined;
  /**
   * For a kind with a `position`: the position after this page's last item (after the page before it when this one
   * is empty; '' before the first item). Saved with the token, so a refused token can be replaced by it.
   */
  readonly after: string | undefined;
  /** What the page says of the whole list (see `ListPaging.noteOf`). */
  readonly note?: string;
  /** For a list that shows only some of what its pages hold (a find): how many items this page held. */
  readonly scanned?: number;
}

export interface PageOptions {
  /** Items per request where the API takes a size; the same for every request of one listing. */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
  /**
   * For a kind with a `position`, with a `startingToken`: the position after the last item already taken (a
   * checkpoint's, or the last row of a tree list). Should the service refuse the token, the listing goes on from there.
   */
  readonly after?: string;
  /** The instant relative parameters are measured from (an export's start); undefined: now. */
  readonly asOf?: string;
  /** Told each time a refused token was replaced by the position the listing went on from. */
  readonly onResumedAt?: (after: string, refusal: unknown) => void;
}

/**
 * All pages of a list from `startingToken` on, one request at a time, through the SDK's generated paginator.
 * Stops with `RepeatedTokenError` if the service hands back a token it already gave (instead of looping forever),
 * and with an `AbortError` when `signal` fires, between pages or during a request.
 *
 * A token the service refuses (expired, say) is where the kind's `position` comes in: the listing starts again after
 * the last item taken (every page yielded counts as taken: consumers take pages in order), so the pages that follow
 * hold exactly the items an accepted token would have given, in other page boundaries. Without a position, or when
 * the position itself gets nowhere, the refusal is thrown (with the kind's `whyRefused` when it can tell).
 */
export async function* streamPages(
  clients: AwsClients,
  list: PagedList,
  options: PageOptions & { readonly startingToken?: string },
): AsyncGenerator<Page, void, undefined> {
  const { paging: kind, ref } = list;
  const { signal } = options;
  throwIfAborted(signal);
  const scope = scopeOf(clients);
  let token = options.startingToken || undefined;
  let startAfter: string | undefined;
  // The position after the last item taken; unknown (undefined) for a token without one, or a kind without positions.
  let after = kind.position ? (token === undefined ? '' : options.after) : undefined;
  let resumedAt: string | undefined;
  // The same token handed back in a row (see `ListPaging.repeatsToken`).
  let repeated: SameTokenBackoff | undefined;
  for (;;) {
    const seen = new Set<string>(token ? [token] : []);
    const outputs = kind.paginate(
      clients,
      ref.params,
      { pageSize: pageSizeFor(kind, options.pageSize), startingToken: token, ...(startAfter !== undefined ? { startAfter } : {}), ...(options.asOf ? { asOf: options.asOf } : {}) },
      { abortSignal: signal },
    );
    try {
      for await (const output of outputs) {
        const handedOn = nextTokenOf(kind, output);
        const nextToken = kind.sameTokenEnds && handedOn === token ? undefined : handedOn;
        after = kind.position ? kind.position.after(output, ref.params, after) ?? after : undefined;
        yield pageOf(token, nextToken, () => kind.itemsOf(output, ref.params, scope), after, kind.noteOf?.(output, ref.params),
          kind.scannedOf && (() => kind.scannedOf!(output, ref.params, scope)));
        if (nextToken === undefined) {
          return;
        }
        if (nextToken === token && kind.repeatsToken !== undefined && (repeated = (repeated ?? new SameTokenBackoff(kind.repeatsToken))).again()) {
          await repeated.wait(signal);
          continue;
        }
        if (seen.has(nextToken)) {
          throw new RepeatedTokenError(kind.tokenFields.output, ref);
        }
        repeated = undefined;
        seen.add(nextToken);
        token = nextToken;
        throwIfAborted(signal);
      }
      return;
    } catch (error) {
      if (token === undefined || !list.refusesToken(error)) {
        throw error;
      }
      // Once per position: a token refused again before any item came from it means the position gets nowhere.
      if (after === undefined || after === resumedAt) {
        const why = await kind.whyRefused?.(clients, ref.params, token, { abortSignal: signal }).catch(() => undefined);
        throw why ? new RefusedTokenError(why, error) : error;
      }
      options.onResumedAt?.(after, error);
      resumedAt = after;
      startAfter = after;
      token = undefined;
    }
  }
}

/**
 * A token handed back as it was sent, by an API known to do so on a slow page: sent again up to `times` times in a
 * row, each after the SDK's own backoff (its standard retry strategy: exponential, with jitter).
 */
class SameTokenBackoff {
  private count = 0;
  private readonly strategy: InstanceType<ReturnType<typeof load>['StandardRetryStrategy']>;
  private retry: ReturnType<SameTokenBackoff['strategy']['acquireInitialRetryToken']> | undefined;

  constructor(private readonly times: number) {
    this.strategy = new (load().StandardRetryStrategy)(times + 1);
  }

  /** Whether the token may be sent again. */
  again(): boolean {
    return ++this.count <= this.times;
  }

  async wait(signal: AbortSignal | undefined): Promise<void> {
    this.retry = this.strategy.refreshRetryTokenForRetry(await (this.retry ?? this.strategy.acquireInitialRetryToken('paging')), { errorType: 'TRANSIENT' });
    await sleep((await this.retry).getRetryDelay(), undefined, { signal });
  }
}

/** The region and partition a connection's lists are read in. */
export function scopeOf(clients: Pick<AwsClients, 'region'>): Scope {
  return { region: clients.region, partition: partitionOf(clients.region) };
}

/**
 * A page whose items are built from the SDK's output when first read: a consumer that asks for the next page before
 * it reads this one (the exporter) gets that request on the wire before it pays for building the items.
 */
function pageOf(
  token: string | undefined, nextToken: string | undefined, build: () => ResourceItem[], after: string | undefined, note: string | undefined, count?: () => number,
): Page {
  const fields = { token, nextToken, after, ...(note !== undefined ? { note } : {}) };
  if (count) {
    // Built at once: a find's page keeps only its matches, not the response they were picked from.
    const items = build();
    return { ...fields, items, scanned: count() };
  }
  let items: ResourceItem[] | undefined;
  return {
    ...fields,
    get items() {
      return (items ??= build());
    },
  };
}
