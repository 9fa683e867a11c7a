import { type AwsClients } from '../aws/clients';
import { partitionOf } from '../aws/partition';
import { nextTokenOf, type ListRef, type ResourceItem, type ResourceKind, type Scope } from '../services/kind';
import { kindOf } from '../services/registry';
import { RepeatedTokenError, throwIfAborted } from './errors';

/** One page of a list, as the tree and the exporter see it. */
export interface Page {
  /** The token that was sent for this page (undefined for the first page). */
  readonly token: string | undefined;
  readonly items: ResourceItem[];
  /** The token of the page after this one; undefined when the list is complete. */
  readonly nextToken: string | undefined;
}

export interface PageOptions {
  /** Items per request where the API takes a size; the same for every request of one listing. */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
}

/**
 * Fetches exactly one page: the first one when `token` is undefined, otherwise the page that token names.
 * It runs the same SDK paginator as `streamPages` and stops after its first request.
 */
export async function fetchPage(clients: AwsClients, list: ListRef, token: string | undefined, options: PageOptions): Promise<Page> {
  for await (const page of streamPages(clients, list, { ...options, startingToken: token })) {
    // Built here, so a page that cannot be read fails this call rather than whoever reads it later.
    void page.items;
    return page;
  }
  throw new Error('The paginator returned no page');
}

/**
 * All pages of a list from `startingToken` on, one request at a time, through the SDK's generated paginator.
 * Stops with `RepeatedTokenError` if the service hands back a token it already gave (instead of looping forever),
 * and with an `AbortError` when `signal` fires, between pages or during a request.
 */
export async function* streamPages(
  clients: AwsClients,
  list: ListRef,
  options: PageOptions & { readonly startingToken?: string },
): AsyncGenerator<Page, void, undefined> {
  const kind = kindOf(list);
  const { signal } = options;
  throwIfAborted(signal);
  const seen = new Set<string>();
  let token = options.startingToken || undefined;
  if (token) {
    seen.add(token);
  }
  const outputs = kind.paginate(
    clients,
    list.params,
    { pageSize: pageSizeFor(kind, options.pageSize), startingToken: token },
    { abortSignal: signal },
  );
  const scope = scopeOf(clients);
  for await (const output of outputs) {
    const nextToken = nextTokenOf(kind, output);
    yield pageOf(token, nextToken, () => kind.itemsOf(output, list.params, scope));
    if (nextToken === undefined) {
      return;
    }
    if (seen.has(nextToken)) {
      throw new RepeatedTokenError(kind.tokenFields.output, list);
    }
    seen.add(nextToken);
    token = nextToken;
    throwIfAborted(signal);
  }
}

/** The region and partition a connection's lists are read in. */
export function scopeOf(clients: Pick<AwsClients, 'region'>): Scope {
  return { region: clients.region, partition: partitionOf(clients.region) };
}

/**
 * The page size sent with every request of a listing: none where the service fixes it, else the setting within what
 * the API accepts (DynamoDB ListTables takes at most 100). The same for every request, resumed ones included.
 */
export function pageSizeFor(kind: ResourceKind, pageSize: number): number | undefined {
  if (kind.fixedPageSize) {
    return undefined;
  }
  const limits = kind.pageSizeLimits;
  return limits ? Math.min(limits.max, Math.max(limits.min, pageSize)) : pageSize;
}

/**
 * A page whose items are built from the SDK's output when first read: a consumer that asks for the next page before
 * it reads this one (the exporter) gets that request on the wire before it pays for building the items.
 */
function pageOf(token: string | undefined, nextToken: string | undefined, build: () => ResourceItem[]): Page {
  let items: ResourceItem[] | undefined;
  return {
    token,
    nextToken,
    get items() {
      return (items ??= build());
    },
  };
}
