import type { DescribeAffectedAccountsForOrganizationCommandOutput } from '@aws-sdk/client-health';
import { healthClient } from './client';
import { organizationEventDetails } from './details';
import { checkedEventArn, eventLabelOf, namedEventItem } from './eventArn';
import { load } from './sdk';
import { type ResourceKind } from '../kind';
import { type Params, type ResourceItem } from '../../lists';
import { paginated } from '../../paging/listPaging';
import * as l10n from '@vscode/l10n';

const PREFIX = 'health:organization-event/';

/** The organization's accounts an event affects (DescribeAffectedAccountsForOrganization). Params: `event`. */
export const affectedAccounts: ResourceKind<DescribeAffectedAccountsForOrganizationCommandOutput> = {
  id: 'health.affectedAccounts',
  itemNoun: 'accounts',
  title: (params) => eventLabelOf(params.event),
  icon: 'organization',
  address: (params) => `${PREFIX}${params.event}`,
  parseAddress: (text): Params | undefined => (text.startsWith(PREFIX) ? { event: checkedEventArn(text.slice(PREFIX.length)) } : undefined),
  addressForms: [{
    form: `${PREFIX}ARN`,
    example: `${PREFIX}arn:aws:health:eu-west-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/AWS_RDS_MAINTENANCE_SCHEDULED_EXAMPLE333`,
    description: 'the accounts of the organization an AWS Health event affects',
  }],
  owner: (params) => ({ item: namedEventItem(params.event, { kind: 'health.affectedAccounts', params }), source: { kind: 'health.organizationEvents', params: {} } }),
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'maxResults' },
  // API reference, DescribeAffectedAccountsForOrganization: "maxResults … Valid Range: Minimum value of 10. Maximum
  // value of 100."
  pageSizeLimits: { min: 10, max: 100 },
  columns: ['awsAccountId', 'eventScopeCode', 'eventArn'],
  get emptyLabel() {
    return l10n.t('No affected accounts');
  },
  paginate: paginated(healthClient, () => load().paginateDescribeAffectedAccountsForOrganization, (params) => ({ eventArn: params.event })),
  itemsOf: (output, params) => (output.affectedAccounts ?? []).map((account) => accountItem(params.event, account, output.eventScopeCode)),
  detailsOf: (item) => organizationEventDetails(String(item.record.eventArn), String(item.record.awsAccountId), undefined),
};

/** An affected account as a row: it expands to the event's entities in that account. */
function accountItem(event: string, account: string, scope: string | undefined): ResourceItem {
  return {
    id: `${event}#${account}`,
    name: account,
    itemKind: 'healthAccount',
    ids: [{ label: 'ID', value: account }],
    children: { kind: 'health.organizationEntities', params: { event, account } },
    record: { awsAccountId: account, ...(scope !== undefined ? { eventScopeCode: scope } : {}), eventArn: event },
  };
}
