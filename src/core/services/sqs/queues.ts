import type { ListQueuesCommandOutput } from '@aws-sdk/client-sqs';
import { sqsClient } from './client';
import { parseQueueUrl, queueItem } from './queueUrl';
import { load } from './sdk';
import { prefixQueryOf, withPrefixQuery } from '../address';
import { type ItemDetails, type ResourceKind } from '../kind';
import { type Params, type ResourceItem, idOf } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';

/**
 * A queue name's prefix, for Summarize…: up to its first `-`, `_` or `.` (`orders-` of `orders-dlq.fifo`), as teams
 * name queues by service or environment.
 */
function namePrefix(item: ResourceItem): string {
  const cut = item.name.search(/[-_.]/);
  return cut > 0 ? item.name.slice(0, cut + 1) : '(no prefix)';
}

const ADDRESS = 'sqs:queues';
export const QUEUE_COLUMNS = ['QueueUrl', 'name', 'arn'] as const;

/** The SQS queues of the region. Params: optional `prefix` (QueueNamePrefix, server-side). */
export const sqsQueues: ResourceKind<ListQueuesCommandOutput> = {
  id: 'sqs.queues',
  itemNoun: 'queues',
  summary: { groupings: [{ id: 'prefix', label: 'By name prefix', of: namePrefix }] },
  title: () => l10n.t('SQS Queues'),
  icon: 'inbox',
  address: (params) => withPrefixQuery(ADDRESS, params.prefix),
  parseAddress(text): Params | undefined {
    const prefix = prefixQueryOf(text, ADDRESS);
    return prefix === undefined ? undefined : prefix ? { prefix } : {};
  },
  addressForms: [
    { form: ADDRESS, example: ADDRESS, description: 'the SQS queues of the region' },
    { form: `${ADDRESS}?prefix=NAME`, example: `${ADDRESS}?prefix=orders-`, description: 'the SQS queues whose names start with NAME' },
  ],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // MaxResults is always sent (the pager always gives a size): without it SQS returns at most 1,000 queues and no
  // token (API reference, ListQueues: "MaxResults ... Valid values: 1 to 1,000").
  pageSizeLimits: { min: 1, max: 1000 },
  columns: QUEUE_COLUMNS,
  filterParam: 'prefix',
  console: {
    list: (_params, scope, host) => consolePage(host, 'sqs/v3/home', scope.region, '/queues'),
    item: (item, _params, scope, host) => queueConsolePage(item.id, scope.region, host),
  },
  paginate: paginated(sqsClient, () => load().paginateListQueues, (params) => ({ QueueNamePrefix: params.prefix || undefined })),
  itemsOf: (output) => queueItems(output.QueueUrls),
  detailsOf: (item) => queueDetails(item),
};

export function queueItems(urls: readonly string[] | undefined): ResourceItem[] {
  return (urls ?? []).map((url) => queueItem(url));
}

/** A queue's page in the console (the queue's own region, from its URL). */
export function queueConsolePage(url: string, region: string, host: string): string {
  return consolePage(host, 'sqs/v3/home', parseQueueUrl(url)?.region ?? region, `/queues/${encodeURIComponent(url)}`);
}

/** Show Details of a queue: all its attributes (GetQueueAttributes `All`: a read, nothing is received or changed). */
export function queueDetails(item: ResourceItem): ItemDetails | undefined {
  const url = idOf(item, 'URL');
  return url === undefined ? undefined : {
    operation: 'GetQueueAttributes',
    async fetch(clients, send) {
      const command = new (load().GetQueueAttributesCommand)({ QueueUrl: url, AttributeNames: ['All'] });
      const output = await (await clients.client(sqsClient)).send(command, send);
      return { QueueUrl: url, ...output.Attributes };
    },
  };
}
