import { type AwsClients, type SdkClient, type SendOptions, type ServiceClient } from '../aws/clients';
import { type ListRef, type Params, type ResourceItem, type Scope } from '../lists';

// A list kind's paging facet: everything the pager (pager.ts, beside this file) and the parallel exporter need to
// know to walk a list page by page. A kind states it as data around the SDK's generated paginator.

/** Options the SDK paginators take, passed through untouched. */
export interface PaginatorOptions {
  readonly pageSize?: number;
  readonly startingToken?: string;
  /** For a kind with a `position`: the first request starts after this position (S3 `StartAfter`), not with a token. */
  readonly startAfter?: string;
  /**
   * The instant (ISO 8601) relative parameters are measured from (`start=-24h` in a Logs search): an export's, fixed
   * when it starts, so a resume the next day reads the same time range. Undefined: now.
   */
  readonly asOf?: string;
}

export interface ListPaging<Output = unknown> {
  /** Which request/response fields carry the token and the page size (documentation and error messages). */
  readonly tokenFields: { readonly input: string; readonly output: string; readonly pageSize?: string };
  /**
   * The token of an output as the text a Load more row and a checkpoint hold, for an API whose token is not a string
   * (DynamoDB's LastEvaluatedKey: one canonical JSON form, so the same key is always the same text). `paginate`
   * reads it back.
   */
  encodeToken?(token: unknown): string | undefined;
  /**
   * A stable position besides the token, where the API has one: the list comes in a fixed order and a request can
   * start after a given item (S3 ListObjectsV2: key order, `StartAfter`). A refused or expired token is then replaced
   * by a request that starts after the last item taken, so nothing is listed twice or skipped. `input` names the
   * request field (`paginate` sends `startAfter` in it); `after` reads, from a page, the position after its last item
   * (undefined for an empty page): cheap, without building the page's items. Without it, a refused token can only be
   * started over.
   */
  readonly position?: {
    readonly input: string;
    after(output: Output, params: Params, before: string | undefined): string | undefined;
    /** The position in words, for the message that says the listing went on from it. Default: as it is. */
    describe?(after: string): string;
  };
  /**
   * The service hands back the token it was sent at the end of the list (CloudWatch Logs GetLogEvents: "If you have
   * reached the end of the stream, it returns the same token you passed in"): for this API that ends the list. Every
   * other API's repeated token is a paging loop and stops the listing with an error.
   */
  readonly sameTokenEnds?: boolean;
  /**
   * The service is known to hand back, on an empty page, the very token it was sent, and to go on when it is sent
   * again (CloudWatch Logs FilterLogEvents, as users of boto3 and the AWS CLI report; the SDK's own paginator sends it
   * again): how many times in a row that is taken for a slow page, each after the SDK's backoff, before it counts as
   * a loop. Every other API's repeated token stops the listing at once.
   */
  readonly repeatsToken?: number;
  /**
   * Why the service refused a token of this list, where the kind can find out (DynamoDB: the key names attributes
   * the table's key no longer has); undefined when it cannot tell. Asked once, after the refusal.
   */
  whyRefused?(clients: AwsClients, params: Params, token: string, send: SendOptions): Promise<string | undefined>;
  /** Set when the service fixes the page size and ignores ours (SNS: 100). */
  readonly fixedPageSize?: number;
  /** The page sizes the API accepts; a larger or smaller setting is clamped, the same for every request. */
  readonly pageSizeLimits?: { readonly min: number; readonly max: number };
  /** Runs the SDK's generated paginator for this list. It must build a fresh input object: paginators mutate it. */
  paginate(clients: AwsClients, params: Params, options: PaginatorOptions, send: SendOptions): AsyncIterable<Output>;
  /** The items of one page, in the service's order. */
  itemsOf(output: Output, params: Params, scope: Scope): ResourceItem[];
  /** For a list that shows only some of what a page holds (a find): how many items the page held. */
  scannedOf?(output: Output, params: Params, scope: Scope): number;
  /**
   * What a page says of the whole list beyond its items, for the list's node (Resource Explorer: "1,000 of more", a
   * query's cap); undefined when it says nothing.
   */
  noteOf?(output: Output, params: Params): string | undefined;
  /**
   * For a list that can hand the same item twice, by design of its API (AWS Health: newest update first, so an event
   * updated while the list is paged comes again): the key that names an item. An export writes each key once.
   */
  uniqueKey?(item: ResourceItem): string;
  /**
   * The list an export writes for this one, where that is another: for lists that show folders, the same list with
   * every nested item instead (S3: no delimiter, "all keys under the prefix, recursively"); for a query capped at
   * 1,000 results, the same query split until every part is complete (Resource Explorer). `--folders` and the
   * `export.s3Listing` setting keep a folder list as it is.
   */
  flatten?(params: Params): Params;
  /** The list shows one folder level of a deeper list (S3 with delimiter `/`): an export may ask which it wants. */
  readonly folders?: boolean;
  /**
   * For a recursive list that can be listed in parallel parts: the parameters of the folder-level list that splits
   * it (S3: the same prefix with delimiter `/`). Its items come in this list's order; each folder's `children`,
   * flattened, lists the contiguous run of this list's items under that folder, and every other item is one of this
   * list's own items. Undefined when the list does not split.
   */
  splitBy?(params: Params): Params | undefined;
  /**
   * For a list that can be read in `count` independent segments (DynamoDB's parallel Scan): the params of each,
   * in order. Every item is in exactly one segment; the parallel export writes the segments one after the other.
   */
  segments?(params: Params, count: number): Params[] | undefined;
}

/** A list ready to be paged: its ref, its kind's paging facet, and how its service says it refused a token. */
export interface PagedList {
  readonly ref: ListRef;
  readonly paging: ListPaging;
  refusesToken(error: unknown): boolean;
}

/** The token a page hands on, read from the field the kind names (the same one the SDK paginator reads). */
export function nextTokenOf(paging: ListPaging, output: unknown): string | undefined {
  const token = (output as Record<string, unknown> | undefined)?.[paging.tokenFields.output];
  if (paging.encodeToken) {
    return token === undefined || token === null ? undefined : paging.encodeToken(token);
  }
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * The page size sent with every request of a listing: none where the service fixes it, else the setting within what
 * the API accepts (DynamoDB ListTables takes at most 100). The same for every request, resumed ones included.
 */
export function pageSizeFor(paging: ListPaging, pageSize: number): number | undefined {
  if (paging.fixedPageSize) {
    return undefined;
  }
  const limits = paging.pageSizeLimits;
  return limits ? Math.min(limits.max, Math.max(limits.min, pageSize)) : pageSize;
}

/** An SDK v3 generated paginator: `createPaginator(Client, Command, inputToken, outputToken, pageSizeField)`. */
type SdkPaginator<C, I, O> = (config: { client: C; pageSize?: number; startingToken?: string }, input: I, ...rest: never[]) => AsyncIterable<O>;

/**
 * A kind's `paginate` as data: the service's client, the SDK's paginator for the list (loaded with the SDK, on first
 * use) and the request it sends. The paginator mutates its input, so `input` makes a fresh one for every listing; a
 * kind with a `position` puts `from.startAfter` in it.
 */
export function paginated<C extends SdkClient, I, O>(
  client: ServiceClient<C>, paginator: () => SdkPaginator<C, I, O>, input: (params: Params, from: Pick<PaginatorOptions, 'startAfter'>) => I,
): ListPaging<O>['paginate'] {
  return async function* (clients, params, options, send) {
    const sdkClient = await clients.client(client);
    yield* paginator()({ client: sdkClient, pageSize: options.pageSize, startingToken: options.startingToken }, input(params, options), send as never);
  };
}
