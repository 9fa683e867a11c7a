import type { ListDeadLetterSourceQueuesCommandOutput } from '@aws-sdk/client-sqs';
import { sqsClient } from './client';
import { QUEUE_COLUMNS, queueConsolePage, queueDetails, queueItems } from './queues';
import { parseQueueUrl, queueItem, queueUrlOfArn } from './queueUrl';
import { load } from './sdk';
import { type Params } from '../../lists';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import * as l10n from '@vscode/l10n';

/**
 * The queues that send their failed messages to a queue, its dead-letter source queues. Params: `queueUrl`. Every
 * queue row expands to this list: whether a queue is someone's dead-letter queue is only known by asking.
 */
export const sqsDeadLetterSources: ResourceKind<ListDeadLetterSourceQueuesCommandOutput> = {
  id: 'sqs.deadLetterSources',
  itemNoun: 'queues',
  title: (params) => parseQueueUrl(params.queueUrl)?.name ?? params.queueUrl,
  address: (params) => params.queueUrl,
  parseAddress(text): Params | undefined {
    if (/^arn:[^:]*:sqs:/.test(text)) {
      return { queueUrl: queueUrlOfArn(text) };
    }
    return /^https?:\/\//.test(text) && parseQueueUrl(text) ? { queueUrl: text } : undefined;
  },
  addressForms: [
    { form: 'https://sqs.REGION.amazonaws.com/ACCOUNT/QUEUE', example: 'https://sqs.us-east-1.amazonaws.com/123456789012/orders-dlq', description: "a queue's dead-letter source queues" },
    { form: 'arn:aws:sqs:REGION:ACCOUNT:QUEUE', example: 'arn:aws:sqs:us-east-1:123456789012:orders-dlq', description: 'the same, by the queue\'s ARN' },
  ],
  owner: (params) => ({ item: queueItem(params.queueUrl), source: { kind: 'sqs.queues', params: {} } }),
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  pageSizeLimits: { min: 1, max: 1000 },
  columns: QUEUE_COLUMNS,
  get emptyLabel() {
    return l10n.t('No queue uses it as its dead-letter queue');
  },
  console: {
    list: (params, scope, host) => queueConsolePage(params.queueUrl, scope.region, host),
    item: (item, _params, scope, host) => queueConsolePage(item.id, scope.region, host),
  },
  paginate: paginated(sqsClient, () => load().paginateListDeadLetterSourceQueues, (params) => ({ QueueUrl: params.queueUrl })),
  // The SDK names this list `queueUrls`, lower case, as the API does.
  itemsOf: (output) => queueItems(output.queueUrls),
  detailsOf: (item) => queueDetails(item),
};
