import type { ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import { type ResourceKind } from './resource';
import { parseArn } from './arn';
import { snsModule } from '../aws/sdkModules';

/** All SNS topics of the account in the connection's region. */
export const snsTopics: ResourceKind<ListTopicsCommandOutput> = {
  id: 'sns.topics',
  itemNoun: 'topics',
  title: () => 'SNS Topics',
  address: () => 'sns:topics',
  tokenFields: { input: 'NextToken', output: 'NextToken' },
  fixedPageSize: 100,
  columns: ['name', 'arn', 'region', 'accountId'],
  async *paginate(clients, _params, options, send) {
    const client = await clients.sns();
    const { paginateListTopics } = await snsModule();
    yield* paginateListTopics({ client, startingToken: options.startingToken }, {}, send);
  },
  itemsOf(output) {
    return (output.Topics ?? []).flatMap((topic) => {
      if (!topic.TopicArn) {
        return [];
      }
      const arn = parseArn(topic.TopicArn);
      return [{
        id: topic.TopicArn,
        name: arn.resource,
        itemKind: 'snsTopic',
        arn: topic.TopicArn,
        children: { kind: 'sns.subscriptions', params: { topicArn: topic.TopicArn } },
        record: { name: arn.resource, arn: topic.TopicArn, region: arn.region, accountId: arn.accountId },
      }];
    });
  },
  detailsOf(item) {
    return {
      operation: 'GetTopicAttributes',
      async fetch(clients, send) {
        const { GetTopicAttributesCommand } = await snsModule();
        const output = await (await clients.sns()).send(new GetTopicAttributesCommand({ TopicArn: item.id }), send);
        return { ...output.Attributes };
      },
    };
  },
};
