import type { ListSubscriptionsByTopicCommandOutput } from '@aws-sdk/client-sns';
import { type ResourceKind } from './resource';
import { parseArn } from './arn';
import { snsModule } from '../aws/sdkModules';

/** The subscriptions of one SNS topic. Params: `topicArn`. */
export const snsSubscriptions: ResourceKind<ListSubscriptionsByTopicCommandOutput> = {
  id: 'sns.subscriptions',
  itemNoun: 'subscriptions',
  title: (params) => parseArn(params.topicArn).resource,
  address: (params) => params.topicArn,
  tokenFields: { input: 'NextToken', output: 'NextToken' },
  fixedPageSize: 100,
  columns: ['subscriptionArn', 'protocol', 'endpoint', 'owner', 'topicArn'],
  async *paginate(clients, params, options, send) {
    const client = await clients.sns();
    const { paginateListSubscriptionsByTopic } = await snsModule();
    yield* paginateListSubscriptionsByTopic({ client, startingToken: options.startingToken }, { TopicArn: params.topicArn }, send);
  },
  itemsOf(output, params) {
    return (output.Subscriptions ?? []).map((sub) => {
      const arn = sub.SubscriptionArn ?? '';
      // Unconfirmed subscriptions have the literal ARN "PendingConfirmation", so the id adds the endpoint.
      const confirmed = arn.startsWith('arn:');
      const endpoint = sub.Endpoint ?? '';
      return {
        id: confirmed ? arn : `${params.topicArn}#pending:${sub.Protocol ?? ''}:${endpoint}`,
        name: endpoint || arn,
        description: confirmed ? sub.Protocol : `${sub.Protocol ?? ''} · pending confirmation`,
        itemKind: 'snsSubscription',
        arn: confirmed ? arn : undefined,
        record: {
          subscriptionArn: arn,
          protocol: sub.Protocol ?? null,
          endpoint: sub.Endpoint ?? null,
          owner: sub.Owner ?? null,
          topicArn: sub.TopicArn ?? params.topicArn,
        },
      };
    });
  },
  detailsOf(item) {
    const arn = item.arn;
    // A subscription pending confirmation has no ARN to ask about.
    return arn === undefined ? undefined : {
      operation: 'GetSubscriptionAttributes',
      async fetch(clients, send) {
        const { GetSubscriptionAttributesCommand } = await snsModule();
        const output = await (await clients.sns()).send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }), send);
        return { ...output.Attributes };
      },
    };
  },
};
