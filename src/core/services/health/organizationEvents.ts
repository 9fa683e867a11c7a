import type { OrganizationEvent } from '@aws-sdk/client-health';
import { healthClient } from './client';
import { dashboardPage } from './console';
import { organizationEventDetails } from './details';
import { eventItem, ORGANIZATION_EVENT_FIELDS } from './eventRows';
import { eventFilterOf, FILTER_LABELS, filterAddress, filteredTitle, readFilterAddress } from './filters';
import { encodeToken, eventPasses, eventPosition, type EventsPage } from './passes';
import { load } from './sdk';
import { type ResourceKind } from '../kind';
import { type ListRef } from '../../lists';
import * as l10n from '@vscode/l10n';
import { byField, byMonth, type ListSummary } from '../../answers/summaryFacet';

const ADDRESS = 'health:organization-events';

/** What Summarize… groups the organizationEvents by. */
const healthSummary: ListSummary = { groupings: [byField('service', 'By service', 'service'), byField('status', 'By status', 'statusCode'), byField('category', 'By category', 'eventTypeCategory'), byField('region', 'By Region', 'region'), byMonth] };

/**
 * The AWS Health events of the whole organization (DescribeEventsForOrganization), newest update first, with the same
 * filters and export passes as the account's. Only a management account (or delegated administrator) that turned the
 * organizational view on has it: DescribeHealthServiceStatusForOrganization says ENABLED.
 */
export const organizationEvents: ResourceKind<EventsPage<OrganizationEvent>> = {
  id: 'health.organizationEvents',
  itemNoun: 'events',
  summary: healthSummary,
  title: (params) => filteredTitle(l10n.t('Health Events (organization)'), params),
  icon: 'organization',
  async available(clients, send) {
    const output = await (await clients.client(healthClient)).send(new (load().DescribeHealthServiceStatusForOrganizationCommand)({}), send);
    return output.healthServiceAccessStatusForOrganization === 'ENABLED';
  },
  address: (params) => filterAddress(ADDRESS, params),
  parseAddress: (text) => readFilterAddress(text, ADDRESS),
  addressForms: [{
    form: `${ADDRESS}[?status=S&category=C&service=SVC&region=R]`,
    example: `${ADDRESS}?category=scheduledChange&region=eu-west-1,global`,
    description: 'the AWS Health events of the organization (its organizational view), the same filters',
  }],
  filterLabels: FILTER_LABELS,
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'maxResults' },
  encodeToken,
  // API reference, DescribeEventsForOrganization: "maxResults … Valid Range: Minimum value of 1. Maximum value of
  // 100."; 10 to 100 like the account's list.
  pageSizeLimits: { min: 10, max: 100 },
  // OrganizationEventFilter takes one range: "lastUpdatedTime … A range of dates and times" (API_OrganizationEventFilter.html).
  position: eventPosition('lastUpdatedTime'),
  uniqueKey: (item) => item.id,
  columns: ORGANIZATION_EVENT_FIELDS,
  get emptyLabel() {
    return l10n.t('No events');
  },
  paginate: eventPasses(() => load().paginateDescribeEventsForOrganization, (params, window) => {
    const filter = { ...eventFilterOf(params), ...(window ? { lastUpdatedTime: window } : {}) };
    return Object.keys(filter).length ? { filter } : {};
  }),
  itemsOf: (output) => output.events.map((event) => eventItem(event, ORGANIZATION_EVENT_FIELDS, childrenOf(event))),
  detailsOf(item) {
    return organizationEventDetails(item.id, undefined, typeof item.record.eventScopeCode === 'string' ? item.record.eventScopeCode : undefined);
  },
  console: {
    list: (_params, scope, host) => dashboardPage(host, scope.region, 'organization'),
    item: (item, _params, scope, host) => dashboardPage(host, scope.region, 'organization', item.id),
  },
};

/**
 * An account-specific event expands to the accounts it affects; a public one, which affects no account in particular
 * ("If the eventScopeCode value is PUBLIC, then the affectedAccounts value is always empty",
 * API_DescribeAffectedAccountsForOrganization.html), to its entities in every account.
 */
function childrenOf(event: OrganizationEvent): ListRef {
  const arn = event.arn ?? '';
  return event.eventScopeCode === 'PUBLIC' ? { kind: 'health.organizationEntities', params: { event: arn } } : { kind: 'health.affectedAccounts', params: { event: arn } };
}
