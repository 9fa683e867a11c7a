import type { DescribeAffectedEntitiesCommandOutput } from '@aws-sdk/client-health';
import { healthClient } from './client';
import { dashboardPage } from './console';
import { ENTITY_FIELDS, entityItem, entityKey } from './entityRows';
import { checkedEventArn, eventLabelOf, isEventArn, namedEventItem } from './eventArn';
import { load } from './sdk';
import { type ResourceKind } from '../kind';
import { type Params } from '../../lists';
import { paginated } from '../../paging/listPaging';
import * as l10n from '@vscode/l10n';

const PREFIX = 'health:event/';

/**
 * The entities an event affects in the account (DescribeAffectedEntities, `filter.eventArns` = [the event]), newest
 * update first. Params: `event`, the event's ARN.
 */
export const eventEntities: ResourceKind<DescribeAffectedEntitiesCommandOutput> = {
  id: 'health.entities',
  itemNoun: 'affected entities',
  title: (params) => eventLabelOf(params.event),
  icon: 'pulse',
  address: (params) => `${PREFIX}${params.event}`,
  parseAddress(text): Params | undefined {
    if (text.startsWith(PREFIX)) {
      return { event: checkedEventArn(text.slice(PREFIX.length)) };
    }
    return isEventArn(text) ? { event: text } : undefined;
  },
  addressForms: [
    {
      form: `${PREFIX}ARN`,
      example: `${PREFIX}arn:aws:health:us-east-1::event/EC2/AWS_EC2_OPERATIONAL_ISSUE/AWS_EC2_OPERATIONAL_ISSUE_VKTXI_EXAMPLE111`,
      description: 'the entities an AWS Health event affects in the account',
    },
    {
      form: 'arn:aws:health:REGION::event/SERVICE/TYPE/ID',
      example: 'arn:aws:health:global::event/IAM/AWS_IAM_OPERATIONAL_NOTIFICATION/AWS_IAM_OPERATIONAL_NOTIFICATION_EXAMPLE222',
      description: 'the same, by the event\'s ARN',
    },
  ],
  owner: (params) => ({ item: namedEventItem(params.event, { kind: 'health.entities', params }), source: { kind: 'health.events', params: {} } }),
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'maxResults' },
  // API reference, DescribeAffectedEntities: "maxResults … Valid Range: Minimum value of 10. Maximum value of 100."
  // (the current model says 1 to 100).
  pageSizeLimits: { min: 10, max: 100 },
  // Newest update first, like events: an entity updated while the list is paged can come again.
  uniqueKey: entityKey,
  columns: ENTITY_FIELDS,
  get emptyLabel() {
    return l10n.t('No affected entities in this account');
  },
  paginate: paginated(healthClient, () => load().paginateDescribeAffectedEntities, (params) => ({ filter: { eventArns: [params.event] } })),
  itemsOf: (output) => (output.entities ?? []).map((entity) => entityItem(entity, false)),
  console: {
    list: (params, scope, host) => dashboardPage(host, scope.region, 'account', params.event),
  },
};
