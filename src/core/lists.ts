// The core's vocabulary: what a list is, what one of its rows holds, and the values a record is made of. Plain data,
// so a list fits in a checkpoint, a favorite or a Load more row; everything else in the core speaks of these.

/** A list's parameters (a bucket and prefix, a topic ARN…): plain strings. */
export type Params = Readonly<Record<string, string>>;

/** A list the user can page through: a resource kind plus its parameters. */
export interface ListRef {
  readonly kind: string;
  readonly params: Params;
}

/** A stable string for a list: same kind and same parameters give the same key. */
export function listKey(ref: ListRef): string {
  const params = Object.keys(ref.params).sort().map((name) => [name, ref.params[name]]);
  return JSON.stringify([ref.kind, params]);
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

/** One way to name an item that a user copies and pastes elsewhere: its ARN, S3 URI, queue URL, instance ID. */
export interface Identifier {
  /** What it is, as AWS names it: `ARN`, `S3 URI`, `URL`, `ID`. */
  readonly label: string;
  readonly value: string;
}

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
  /**
   * The ways to name the item, the one a user most often pastes first (Ctrl+C copies it); Copy… offers them all,
   * and the name.
   */
  readonly ids?: readonly Identifier[];
  /** The list this item expands to, if any. */
  readonly children?: ListRef;
  /**
   * A row that is an action, not a resource ("Search…" under Resource Explorer): clicking it runs the list action of
   * this command (see `ListAction.command`) on the list the row is in.
   */
  readonly action?: string;
  /**
   * The exported record: the API's fields under the API's names, as the AWS CLI's JSON shows them, in order, absent
   * ones left out; then the fields we add, named in lower camel case (`s3Uri`, `itemType`, `name`, `arn`, `region`).
   * JSON writes it as it is; CSV takes the kind's `columns` from it.
   */
  readonly record: ExportRecord;
}

/** The identifier of an item with this label (`idOf(item, 'ARN')`), if it has one. */
export function idOf(item: Pick<ResourceItem, 'ids'>, label: string): string | undefined {
  return item.ids?.find((identifier) => identifier.label === label)?.value;
}

/** An item's identifiers when its ARN is all it has (undefined when it has none). */
export function arnIds(arn: string | undefined): readonly Identifier[] | undefined {
  return arn ? [{ label: 'ARN', value: arn }] : undefined;
}

/** Where a list is read: the connection's region and its partition (`aws`, `aws-cn`, `aws-us-gov`…), for ARNs. */
export interface Scope {
  readonly region: string;
  readonly partition: string;
}
