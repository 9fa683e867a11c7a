import type { ListSubscriptionsByTopicCommandOutput } from '@aws-sdk/client-sns';
import { parseArn } from '../arn';
import { snsClient } from './client';
import { load } from './sdk';
import { topicItem } from './topics';
import { idOf } from '../../lists';
import { AddressError } from '../address';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';
import { byField, type ListSummary } from '../../answers/summaryFacet';

/** What Summarize… groups the subscriptions by. */
const subscriptionsSummary: ListSummary = { groupings: [byField('protocol', 'By protocol', 'Protocol')] };

/** The subscriptions of one SNS topic. Params: `topicArn`. */
export const snsSubscriptions: ResourceKind<ListSubscriptionsByTopicCommandOutput> = {
  id: 'sns.subscriptions',
  itemNoun: 'subscriptions',
  summary: subscriptionsSummary,
  title: (params) => parseArn(params.topicArn).resource,
  address: (params) => params.topicArn,
  parseAddress(text) {
    if (!/^arn:[^:]*:sns:/.test(text)) {
      return undefined;
    }
    const arn = parseArn(text);
    if (!arn.resource || !arn.region || !arn.accountId) {
      throw new AddressError(l10n.t('"{0}" is not an SNS topic ARN. Expected e.g. arn:aws:sns:us-east-1:123456789012:my-topic.', text));
    }
    if (arn.resource.includes(':')) {
      const topic = text.slice(0, text.lastIndexOf(':'));
      throw new AddressError(l10n.t('"{0}" is a subscription ARN; name its topic ({1}) to list the topic\'s subscriptions.', text, topic));
    }
    return { topicArn: text };
  },
  addressForms: [{
    form: 'arn:aws:sns:REGION:ACCOUNT:TOPIC', example: 'arn:aws:sns:us-east-1:123456789012:orders', description: 'the subscriptions of an SNS topic',
  }],
  owner: (params) => ({ item: topicItem(params.topicArn), source: { kind: 'sns.topics', params: {} } }),
  tokenFields: { input: 'NextToken', output: 'NextToken' },
  fixedPageSize: 100,
  columns: ['SubscriptionArn', 'Owner', 'Protocol', 'Endpoint', 'TopicArn'],
  console: {
    list: (params, scope, host) => consolePage(host, 'sns/v3/home', parseArn(params.topicArn).region || scope.region, `/topic/${params.topicArn}`),
    item(item, params, scope, host) {
      const arn = idOf(item, 'ARN');
      return arn && consolePage(host, 'sns/v3/home', parseArn(params.topicArn).region || scope.region, `/subscription/${arn}`);
    },
  },
  paginate: paginated(snsClient, () => load().paginateListSubscriptionsByTopic, (params) => ({ TopicArn: params.topicArn })),
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
        ids: confirmed ? [{ label: 'ARN', value: arn }] : undefined,
        // As `aws sns list-subscriptions-by-topic` prints it.
        record: {
          SubscriptionArn: arn,
          ...(sub.Owner !== undefined ? { Owner: sub.Owner } : {}),
          ...(sub.Protocol !== undefined ? { Protocol: sub.Protocol } : {}),
          ...(sub.Endpoint !== undefined ? { Endpoint: sub.Endpoint } : {}),
          TopicArn: sub.TopicArn ?? params.topicArn,
        },
      };
    });
  },
  detailsOf(item) {
    const arn = idOf(item, 'ARN');
    // A subscription pending confirmation has no ARN to ask about.
    return arn === undefined ? undefined : {
      operation: 'GetSubscriptionAttributes',
      async fetch(clients, send) {
        const output = await (await clients.client(snsClient)).send(new (load().GetSubscriptionAttributesCommand)({ SubscriptionArn: arn }), send);
        return { ...output.Attributes };
      },
    };
  },
};
