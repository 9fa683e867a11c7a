import type { AwsClients } from '../aws/clients';

/** A list the user can page through: a resource kind plus its parameters. Plain data, so it fits in a checkpoint. */
export interface ListRef {
  readonly kind: string;
  readonly params: Readonly<Record<string, string>>;
}

/** A value that can go in an exported row. */
export type Cell = string | number | boolean | null;

/** One row of a list, already shaped for display and export. */
export interface ResourceItem {
  /** Globally unique: an ARN or an `s3://bucket/key` URI. */
  readonly id: string;
  /** What the tree shows as the label. */
  readonly name: string;
  /** Short secondary text (size, date, protocol…). */
  readonly description?: string;
  /** Item kind, e.g. `s3Object`; the UI maps it to icons and menus. */
  readonly itemKind: string;
  /** The ARN, where the item has one. */
  readonly arn?: string;
  /** The `s3://` URI, where the item has one. */
  readonly s3Uri?: string;
  /** The list this item expands to, if any. */
  readonly children?: ListRef;
  /** The exported fields, with the keys of the kind's `columns`, in that order. */
  readonly record: Readonly<Record<string, Cell>>;
}

/** Options the SDK paginators take, passed through untouched. */
export interface PaginatorOptions {
  readonly pageSize?: number;
  readonly startingToken?: string;
}

/** The only extra argument we pass to `client.send`: cancellation of the request in flight. */
export interface SendOptions {
  readonly abortSignal?: AbortSignal;
}

/** Show Details and lazy tooltips: one read-only call that describes an item (GetTopicAttributes, HeadObject…). */
export interface ItemDetails {
  /** The API operation, shown in the editor title and the log. */
  readonly operation: string;
  /** The response without SDK metadata, as plain JSON-able data. */
  fetch(clients: AwsClients, send: SendOptions): Promise<Record<string, unknown>>;
}

/**
 * Everything the tree, "Load more" and the exporter need to know about one listable resource.
 * Adding a resource means adding one file that exports one of these and registering it.
 */
export interface ResourceKind<Output = unknown> {
  /** Stable id, stored in checkpoints: keep it unchanged once released. */
  readonly id: string;
  /** What the items are called in messages ("topics", "objects"). */
  readonly itemNoun: string;
  /** Label of the list node, e.g. "SNS Topics" or the bucket name. */
  title(params: ListRef['params']): string;
  /** A short identifier of the list for quick picks and file names, e.g. `s3://bucket/prefix/`. */
  address(params: ListRef['params']): string;
  /** Which request/response fields carry the token and the page size (documentation and error messages). */
  readonly tokenFields: { readonly input: string; readonly output: string; readonly pageSize?: string };
  /** Set when the service fixes the page size and ignores ours (SNS: 100). */
  readonly fixedPageSize?: number;
  /** Columns of the exported records, in a stable order. */
  readonly columns: readonly string[];
  /** Runs the SDK's generated paginator for this list. It must build a fresh input object: paginators mutate it. */
  paginate(clients: AwsClients, params: ListRef['params'], options: PaginatorOptions, send: SendOptions): AsyncIterable<Output>;
  /** The items of one page, in the service's order. */
  itemsOf(output: Output, params: ListRef['params']): ResourceItem[];
  /**
   * The parameter that narrows the list to names starting with a prefix, server-side (S3 `Prefix`),
   * where the API has one. "Filter by prefix" sets it; the items keep their names relative to the unfiltered list.
   */
  readonly filterParam?: string;
  /** The call that describes one item of this list in detail, or undefined when there is none for it. */
  detailsOf?(item: ResourceItem): ItemDetails | undefined;
  /**
   * For lists that show folders: the same list with every nested item instead (S3: no delimiter).
   * Export uses it for "all keys under the prefix, recursively".
   */
  flatten?(params: ListRef['params']): ListRef['params'];
  /**
   * For a recursive list that can be listed in parallel parts: the parameters of the folder-level list that splits
   * it (S3: the same prefix with delimiter `/`). Its items come in this list's order; each folder's `children`,
   * flattened, lists the contiguous run of this list's items under that folder, and every other item is one of this
   * list's own items. Undefined when the list does not split.
   */
  splitBy?(params: ListRef['params']): ListRef['params'] | undefined;
}

/** An SDK response without its `$metadata`, for Show Details. */
export function responseFields(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...fields } = output as Record<string, unknown>;
  return fields;
}

/** The token a page hands on, read from the field the kind names (the same one the SDK paginator reads). */
export function nextTokenOf(kind: ResourceKind, output: unknown): string | undefined {
  const token = (output as Record<string, unknown> | undefined)?.[kind.tokenFields.output];
  return typeof token === 'string' && token !== '' ? token : undefined;
}
