import { type AwsClients, type SendOptions } from '../aws/clients';
import { type ListRef, type Params, type ResourceItem, type Scope } from '../lists';
import { type ListPaging } from '../paging/listPaging';
import { type ListRecords } from '../records/recordShape';
import { type ListAddress } from './address';
import { type ListSummary } from '../answers/summaryFacet';
import { type ListFind } from '../find/findFacet';

/** Show Details: one read-only call that describes an item (GetTopicAttributes, HeadObject…). */
export interface ItemDetails {
  /** The API operation, shown in the editor title and the log. */
  readonly operation: string;
  /** Built from what the list returned (a DynamoDB item): no request is sent. */
  readonly local?: boolean;
  /** The response without SDK metadata, as plain JSON-able data. */
  fetch(clients: AwsClients, send: SendOptions): Promise<Record<string, unknown>>;
}

/** Another list that holds a list's items as of an earlier time and reads faster (a bucket's S3 Inventory report). */
export interface ListAlternative {
  readonly list: ListRef;
  /** "From the inventory of 2026-12-05". */
  readonly label: string;
  /** What it is and what reading it takes. */
  readonly detail: string;
  /** About how many items it holds: what listing the list itself would take is estimated from it. */
  readonly items?: number;
}

/**
 * A list kind's face in the tree (tree/ and the views read it): what its node and its rows are called, the item that
 * owns it, the filters a user narrows it by, the call that details a row, and where the AWS console shows it.
 */
export interface ListPresentation {
  /** What the items are called in messages ("topics", "objects"). */
  readonly itemNoun: string;
  /** Label of the list node, e.g. "SNS Topics" or the bucket name. */
  title(params: Params): string;
  /** Codicon of the list node when it is at the top of the tree. */
  readonly icon?: string;
  /**
   * For a top-level list that not every account has (AWS Health's organization view, for an organization's management
   * account that turned it on): whether this connection's account does. Asked once per connection; an error is a no.
   */
  available?(clients: AwsClients, send: SendOptions): Promise<boolean>;
  /** The item whose children this list is (a bucket for its objects, a topic for its subscriptions), if any. */
  owner?(params: Params, scope: Scope): { readonly item: ResourceItem; readonly source: ListRef } | undefined;
  /**
   * The parameter that narrows the list to names starting with a prefix, server-side (S3 `Prefix`, SQS
   * `QueueNamePrefix`), where the API has one. "Filter by Prefix…" sets it.
   */
  readonly filterParam?: string;
  /**
   * Other parameters a user narrows the list by on its node, server-side (AWS Health's `status`, `category`…: list
   * actions that narrow set them), by the name the node's description gives each.
   */
  readonly filterLabels?: Readonly<Record<string, string>>;
  /**
   * Lists shown above this list's rows, each only once its first page holds an item (a bucket's Inventory Reports,
   * shown when the bucket has an inventory configuration): one that is empty or fails (AccessDenied) shows nothing.
   */
  companions?(params: Params): readonly ListRef[];
  /**
   * Lists that hold this list's items as of an earlier time and read faster, offered by Export Full Listing… and
   * Summarize… beside the list itself (a bucket's inventory report younger than a week). None when asking fails.
   */
  alternatives?(clients: AwsClients, params: Params, send: SendOptions): Promise<readonly ListAlternative[]>;
  /** What an empty list says, when "No items" would not (a queue that is no dead-letter queue). */
  readonly emptyLabel?: string;
  /** The call that describes one item of this list in detail, or undefined when there is none for it. */
  detailsOf?(item: ResourceItem): ItemDetails | undefined;
  /**
   * Where the AWS console shows the list, and one of its items (`host` is the partition's console host, see
   * `consoleHost`); undefined where it has no page.
   */
  readonly console?: {
    list?(params: Params, scope: Scope, host: string): string | undefined;
    item?(item: ResourceItem, params: Params, scope: Scope, host: string): string | undefined;
  };
}

/**
 * Everything the tree, "Load more", the exporter and the CLI need to know about one listable resource: its address
 * (address.ts), its paging (paging/listPaging.ts), its records (records/recordShape.ts), its face in the tree
 * (above), what Summarize… adds up (answers/summaryFacet.ts) and how Find in List… reads it (find/findFacet.ts), each a facet described beside the engine that reads it. A kind is data plus a few pure functions; the
 * service folder that holds it registers it.
 */
export type ResourceKind<Output = unknown> = {
  /** Stable id, stored in checkpoints: keep it unchanged once released. */
  readonly id: string;
} & ListAddress & ListPaging<Output> & ListRecords & ListPresentation & { readonly summary?: ListSummary; readonly find?: ListFind };

/** An SDK response without its `$metadata`, for Show Details. */
export function responseFields(output: object): Record<string, unknown> {
  const { $metadata: _metadata, ...fields } = output as Record<string, unknown>;
  return fields;
}
