import type { ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import { parseArn } from '../arn';
import { snsClient } from './client';
import { load } from './sdk';
import { type ResourceItem } from '../../lists';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';

const ADDRESS = 'sns:topics';

/** All SNS topics of the account in the connection's region. */
export const snsTopics: ResourceKind<ListTopicsCommandOutput> = {
  id: 'sns.topics',
  itemNoun: 'topics',
  title: () => l10n.t('SNS Topics'),
  icon: 'broadcast',
  address: () => ADDRESS,
  parseAddress: (text) => (text === ADDRESS ? {} : undefined),
  addressForms: [{ form: ADDRESS, example: ADDRESS, description: 'the SNS topics of the region' }],
  tokenFields: { input: 'NextToken', output: 'NextToken' },
  fixedPageSize: 100,
  columns: ['TopicArn', 'name', 'region', 'accountId'],
  console: {
    list: (_params, scope, host) => consolePage(host, 'sns/v3/home', scope.region, '/topics'),
    item: (item, _params, scope, host) => consolePage(host, 'sns/v3/home', parseArn(item.id).region || scope.region, `/topic/${item.id}`),
  },
  paginate: paginated(snsClient, () => load().paginateListTopics, () => ({})),
  itemsOf(output) {
    return (output.Topics ?? []).flatMap((topic) => (topic.TopicArn ? [topicItem(topic.TopicArn)] : []));
  },
  detailsOf(item) {
    return {
      operation: 'GetTopicAttributes',
      async fetch(clients, send) {
        const output = await (await clients.client(snsClient)).send(new (load().GetTopicAttributesCommand)({ TopicArn: item.id }), send);
        return { ...output.Attributes };
      },
    };
  },
};

/** A topic as a row: it expands to its subscriptions. */
export function topicItem(topicArn: string): ResourceItem {
  const arn = parseArn(topicArn);
  return {
    id: topicArn,
    name: arn.resource,
    itemKind: 'snsTopic',
    ids: [{ label: 'ARN', value: topicArn }],
    children: { kind: 'sns.subscriptions', params: { topicArn } },
    record: { TopicArn: topicArn, name: arn.resource, region: arn.region, accountId: arn.accountId },
  };
}
