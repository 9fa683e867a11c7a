import { type AwsClients } from '../aws/clients';
import * as l10n from '@vscode/l10n';

/** A list's parameters (a bucket and prefix, a topic ARN…): plain strings, so a list fits in a checkpoint. */
export type Params = Readonly<Record<string, string>>;

/** A list the user can page through: a resource kind plus its parameters. */
export interface ListRef {
  readonly kind: string;
  readonly params: Params;
}

/**
 * A number kept as the service wrote it (a DynamoDB number has up to 38 digits): written into JSON as that number,
 * digit for digit, where a JavaScript number would round it.
 */
export class ExactNumber {
  constructor(readonly text: string) {}
}

/** A value that can go in an exported record: JSON, with exact numbers. */
export type Value = string | number | boolean | null | ExactNumber | readonly Value[] | { readonly [key: string]: Value };

/** One exported record: the API's fields under the API's names, plus ours under names of our own. */
export type ExportRecord = Readonly<Record<string, Value>>;

/** A value of a flat record: what most kinds export. */
export type Cell = string | number | boolean | null;

/** One row of a list, already shaped for display and export. */
export interface ResourceItem {
  /** Globally unique: an ARN, an `s3://bucket/key` URI, a queue URL. */
  readonly id: string;
  /** What the tree shows as the label. */
  readonly name: string;
  /** Short secondary text (size, protocol…). */
  readonly description?: string;
  /** The instant the row shows after its description (an object's LastModified), ISO 8601 UTC: the view writes it in local time. */
  readonly time?: string;
  /** Item kind, e.g. `s3Object`: its service gives it an icon, and the menus match it. */
  readonly itemKind: string;
  /** The ARN, where the item has one. */
  readonly arn?: string;
  /** The `s3://` URI, where the item has one. */
  readonly s3Uri?: string;
  /** The item's URL, where it has one (an SQS queue URL). */
  readonly url?: string;
  /** The id the service names the item by, where it is not its name (an EC2 instance id): Copy ID copies it. */
  readonly resourceId?: string;
  /** The list this item expands to, if any. */
  readonly children?: ListRef;
  /**
   * The exported record: the API's fields under the API's names, as the AWS CLI's JSON shows them, in order, absent
   * ones left out; then the fields we add, named in lower camel case (`s3Uri`, `itemType`, `name`, `arn`, `region`).
   * JSON writes it as it is; CSV takes the kind's `columns` from it.
   */
  readonly record: ExportRecord;
}

/** Where a list is read: the connection's region and its partition (`aws`, `aws-cn`, `aws-us-gov`…), for ARNs. */
export interface Scope {
  readonly region: string;
  readonly partition: string;
}

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

/** The only extra argument we pass to `client.send`: cancellation of the request in flight. */
export interface SendOptions {
  readonly abortSignal?: AbortSignal;
}

/** Show Details: one read-only call that describes an item (GetTopicAttributes, HeadObject…). */
export interface ItemDetails {
  /** The API operation, shown in the editor title and the log. */
  readonly operation: string;
  /** Built from what the list returned (a DynamoDB item): no request is sent. */
  readonly local?: boolean;
  /** The response without SDK metadata, as plain JSON-able data. */
  fetch(clients: AwsClients, send: SendOptions): Promise<Record<string, unknown>>;
}

/** One way to write a kind's address, for `--help` and input placeholders. */
export interface AddressForm {
  /** As the help shows it: `s3://bucket/prefix/`. */
  readonly form: string;
  /** A concrete address of that form; the tests parse every one. */
  readonly example: string;
  readonly description: string;
}

/** An export format, as far as a kind's records depend on it. */
export type RecordFormat = 'jsonl' | 'csv' | 'json';

/** How a list's items become records of one format: the columns (CSV header, JSON field order) and each record. */
export interface RecordShape {
  readonly columns: readonly string[];
  /** The record of an item, its fields in the order they are written; the item's `record` when absent. */
  record?(item: ResourceItem): ExportRecord;
  /** Records hold `ExactNumber`s: written by the exact JSON writer, not JSON.stringify. */
  readonly exact?: boolean;
}

/** A way a kind's records can be written (DynamoDB's own typed JSON, or plain JSON); the first is the default. */
export interface ExportStyle {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

/** A command-line option of a kind (see `ResourceKind.options`). */
export interface ListOption {
  /** Without the dashes: `start` is `--start`. */
  readonly flag: string;
  /** The parameter it sets. */
  readonly param: string;
  /** What the help shows after the flag: `TIME`. */
  readonly value: string;
  readonly description: string;
  /** The parameter's value for the text given; throws `AddressError` saying what is wrong. Default: the text. */
  parse?(text: string): string;
}

/** The text names a list of this kind, but not a valid one: says what is wrong with it. */
export class AddressError extends Error {
  override readonly name = 'AddressError';
}

/**
 * Everything the tree, "Load more", the exporter and the CLI need to know about one listable resource. A kind is
 * data plus a few pure functions; the service folder that holds it registers it.
 */
export interface ResourceKind<Output = unknown> {
  /** Stable id, stored in checkpoints: keep it unchanged once released. */
  readonly id: string;
  /** What the items are called in messages ("topics", "objects"). */
  readonly itemNoun: string;
  /** Label of the list node, e.g. "SNS Topics" or the bucket name. */
  title(params: Params): string;
  /** Codicon of the list node when it is at the top of the tree. */
  readonly icon?: string;
  /**
   * The list's address: what the CLI takes, quick picks show and checkpoints are titled with, e.g. `sns:topics` or
   * `s3://bucket/prefix/`. `parseAddress` reads it back.
   */
  address(params: Params): string;
  /**
   * The params of an address of this kind; undefined when the text is not one. Throws `AddressError` when the text
   * is of this kind's form but cannot name a list (a subscription ARN where a topic ARN is needed).
   */
  parseAddress(text: string): Params | undefined;
  /** The address forms this kind reads, for `--help` and prompts; empty for lists only reached through the tree. */
  readonly addressForms: readonly AddressForm[];
  /** The item whose children this list is (a bucket for its objects, a topic for its subscriptions), if any. */
  owner?(params: Params, scope: Scope): { readonly item: ResourceItem; readonly source: ListRef } | undefined;
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
   * Command-line options that set a parameter of this kind's lists (`--start -24h` for a Logs search), so the CLI
   * takes them without knowing the service.
   */
  readonly options?: readonly ListOption[];
  /**
   * Why the service refused a token of this list, where the kind can find out (DynamoDB: the key names attributes
   * the table's key no longer has); undefined when it cannot tell. Asked once, after the refusal.
   */
  whyRefused?(clients: AwsClients, params: Params, token: string, send: SendOptions): Promise<string | undefined>;
  /** Set when the service fixes the page size and ignores ours (SNS: 100). */
  readonly fixedPageSize?: number;
  /** The page sizes the API accepts; a larger or smaller setting is clamped, the same for every request. */
  readonly pageSizeLimits?: { readonly min: number; readonly max: number };
  /** Columns of the exported records, in a stable order. */
  readonly columns: readonly string[];
  /** Ways of writing the records, when there is more than one; the first is the default. */
  readonly exportStyles?: readonly ExportStyle[];
  /**
   * The records' shape in a format and style, where it is not `columns` and each item's `record` (DynamoDB: the
   * table's key attributes as CSV columns, asked of the service once).
   */
  exportShape?(clients: AwsClients, params: Params, how: { readonly format: RecordFormat; readonly style?: string }, send: SendOptions): Promise<RecordShape>;
  /** Runs the SDK's generated paginator for this list. It must build a fresh input object: paginators mutate it. */
  paginate(clients: AwsClients, params: Params, options: PaginatorOptions, send: SendOptions): AsyncIterable<Output>;
  /** The items of one page, in the service's order. */
  itemsOf(output: Output, params: Params, scope: Scope): ResourceItem[];
  /**
   * The parameter that narrows the list to names starting with a prefix, server-side (S3 `Prefix`, SQS
   * `QueueNamePrefix`), where the API has one. "Filter by prefix" sets it.
   */
  readonly filterParam?: string;
  /** What an empty list says, when "No items" would not (a queue that is no dead-letter queue). */
  readonly emptyLabel?: string;
  /** The call that describes one item of this list in detail, or undefined when there is none for it. */
  detailsOf?(item: ResourceItem): ItemDetails | undefined;
  /**
   * For lists that show folders: the same list with every nested item instead (S3: no delimiter).
   * Export uses it for "all keys under the prefix, recursively".
   */
  flatten?(params: Params): Params;
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

/** An SDK response without its `$metadata`, for Show Details. */
export function responseFields(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...fields } = output as Record<string, unknown>;
  return fields;
}

/** The token a page hands on, read from the field the kind names (the same one the SDK paginator reads). */
export function nextTokenOf(kind: ResourceKind, output: unknown): string | undefined {
  const token = (output as Record<string, unknown> | undefined)?.[kind.tokenFields.output];
  if (kind.encodeToken) {
    return token === undefined || token === null ? undefined : kind.encodeToken(token);
  }
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** `base?prefix=…`: the address of a list narrowed by its `filterParam`, for kinds whose address has no room for it. */
export function withPrefixQuery(base: string, prefix: string | undefined): string {
  return prefix ? `${base}?prefix=${encodeURIComponent(prefix)}` : base;
}

/** Reads `base` or `base?prefix=…` back: the prefix ('' for none), or undefined when `text` is not `base`. */
export function prefixQueryOf(text: string, base: string): string | undefined {
  if (text === base) {
    return '';
  }
  if (!text.startsWith(`${base}?`)) {
    return undefined;
  }
  const query = new URLSearchParams(text.slice(base.length + 1));
  const unknown = [...query.keys()].filter((key) => key !== 'prefix');
  if (unknown.length) {
    throw new AddressError(l10n.t('{0} takes ?prefix=… only, not {1}.', base, unknown.join(', ')));
  }
  return query.get('prefix') ?? '';
}
