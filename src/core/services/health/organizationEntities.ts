import type { DescribeAffectedEntitiesForOrganizationCommandOutput } from '@aws-sdk/client-health';
import { healthClient } from './client';
import { ENTITY_FIELDS, entityItem, entityKey } from './entityRows';
import { checkedEventArn, eventLabelOf } from './eventArn';
import { load } from './sdk';
import { AddressError } from '../address';
import { type ResourceKind } from '../kind';
import { type Params } from '../../lists';
import { paginated } from '../../paging/listPaging';
import * as l10n from '@vscode/l10n';

const PREFIX = 'health:organization-entities/';

/**
 * The entities an event affects in one account of the organization, or in every account for a public event
 * (DescribeAffectedEntitiesForOrganization, `organizationEntityAccountFilters`). Params: `event`, optional `account`.
 */
export const organizationEntities: ResourceKind<DescribeAffectedEntitiesForOrganizationCommandOutput> = {
  id: 'health.organizationEntities',
  itemNoun: 'affected entities',
  title: (params) => (params.account ? `${params.account} · ${eventLabelOf(params.event)}` : eventLabelOf(params.event)),
  icon: 'pulse',
  address: (params) => `${PREFIX}${params.event}${params.account ? `?account=${params.account}` : ''}`,
  parseAddress(text): Params | undefined {
    if (!text.startsWith(PREFIX)) {
      return undefined;
    }
    const [arn, query] = text.slice(PREFIX.length).split('?', 2);
    const account = new URLSearchParams(query ?? '').get('account');
    if (account !== null && !/^\d{12}$/.test(account)) {
      throw new AddressError(l10n.t('"{0}" is not an AWS account ID (12 digits).', account));
    }
    return { event: checkedEventArn(arn), ...(account ? { account } : {}) };
  },
  addressForms: [{
    form: `${PREFIX}ARN[?account=ID]`,
    example: `${PREFIX}arn:aws:health:eu-west-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/AWS_RDS_MAINTENANCE_SCHEDULED_EXAMPLE333?account=123456789012`,
    description: 'the entities an AWS Health event affects in one account of the organization (every account: a public event)',
  }],
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'maxResults' },
  // API reference, DescribeAffectedEntitiesForOrganization: "maxResults … Valid Range: Minimum value of 1. Maximum
  // value of 100."; 10 to 100 like the others.
  pageSizeLimits: { min: 10, max: 100 },
  uniqueKey: entityKey,
  columns: ENTITY_FIELDS,
  get emptyLabel() {
    return l10n.t('No affected entities');
  },
  paginate: paginated(healthClient, () => load().paginateDescribeAffectedEntitiesForOrganization, (params) => ({
    organizationEntityAccountFilters: [{ eventArn: params.event, ...(params.account ? { awsAccountId: params.account } : {}) }],
  })),
  itemsOf: (output) => (output.entities ?? []).map((entity) => entityItem(entity, true)),
  // A filter the service could not apply is not an error of the call: "failedSet … A JSON set of elements of failed
  // responses" (API_DescribeAffectedEntitiesForOrganization.html). The node says why.
  noteOf: (output) => {
    const [failed] = output.failedSet ?? [];
    return failed ? `${failed.errorName ?? ''}: ${failed.errorMessage ?? ''}` : undefined;
  },
};
