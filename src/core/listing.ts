import { type AwsClients } from './aws/clients';
import { type ListRef } from './lists';
import { streamPages, type Page } from './paging/pager';
import { pagedListOf } from './services/registry';

// The one way from a listing to its pages, for the sequential, parallel and streamed exports and for the tree: an
// option such as the time anchor or the report of a token replaced by a position is passed here, once.

/** What decides the pages a listing gives: the list, its page size and its time anchor. An export job is one. */
export interface ListingSpec {
  readonly list: ListRef;
  /** Items per request; the same for every request of the listing, resumed ones included. */
  readonly pageSize: number;
  /** The instant relative parameters (`start=-24h`) are measured from; undefined: now. */
  readonly asOf?: string;
}

/** Where a listing starts: the first page, or the page of a token (with the position after the items already taken). */
export interface ListingPoint {
  readonly token?: string;
  /** For a kind with a position: the position after the last item taken, where a refused token is replaced by it. */
  readonly after?: string;
}

/** What one run of a listing is told and tells. */
export interface ListingRun {
  /** Stops the listing between pages or during a request. */
  readonly signal?: AbortSignal;
  /** Told each time the service refused a token and the listing went on after `after`, the kind's position, instead. */
  readonly onResumedAt?: (after: string, refusal: unknown) => void;
}

/** The pages of a listing from `from` on, one request at a time (see `streamPages`). */
export function listingPages(clients: AwsClients, spec: ListingSpec, from: ListingPoint, run: ListingRun): AsyncGenerator<Page, void, undefined> {
  return streamPages(clients, pagedListOf(spec.list), {
    pageSize: spec.pageSize,
    startingToken: from.token,
    after: from.after,
    asOf: spec.asOf,
    signal: run.signal,
    onResumedAt: run.onResumedAt,
  });
}

/**
 * Exactly one page: the first when `from` has no token, else the page its token names (or, when the service refuses
 * the token, the page after `from.after`). The same code as `listingPages`, stopped after its first page.
 */
export async function listingPage(clients: AwsClients, spec: ListingSpec, from: ListingPoint, run: ListingRun): Promise<Page> {
  for await (const page of listingPages(clients, spec, from, run)) {
    // Built here, so a page that cannot be read fails this call rather than whoever reads it later.
    void page.items;
    return page;
  }
  throw new Error('The paginator returned no page');
}
