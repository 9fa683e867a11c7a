import type { Event } from '@aws-sdk/client-health';
import { dashboardPage } from './console';
import { eventDetails } from './details';
import { EVENT_FIELDS, eventItem } from './eventRows';
import { eventFilterOf, FILTER_LABELS, filterAddress, filteredTitle, readFilterAddress } from './filters';
import { encodeToken, eventPasses, eventPosition, type EventsPage } from './passes';
import { load } from './sdk';
import { type ResourceKind } from '../kind';
import * as l10n from '@vscode/l10n';
import { byField, byMonth, type ListSummary } from '../../answers/summaryFacet';

const ADDRESS = 'health:events';

/** What Summarize… groups the events by. */
const healthSummary: ListSummary = { groupings: [byField('service', 'By service', 'service'), byField('status', 'By status', 'statusCode'), byField('category', 'By category', 'eventTypeCategory'), byField('region', 'By Region', 'region'), byMonth] };

/**
 * The account's AWS Health events (DescribeEvents), newest update first. Params: optional `status`, `category`,
 * `service` and `region` (comma-separated values), the API's own EventFilter, server-side. An export lists them in
 * passes (passes.ts), so each event is written once however they are updated meanwhile.
 */
export const healthEvents: ResourceKind<EventsPage<Event>> = {
  id: 'health.events',
  itemNoun: 'events',
  summary: healthSummary,
  title: (params) => filteredTitle(l10n.t('Health Events'), params),
  icon: 'pulse',
  address: (params) => filterAddress(ADDRESS, params),
  parseAddress: (text) => readFilterAddress(text, ADDRESS),
  addressForms: [{
    form: `${ADDRESS}[?status=S&category=C&service=SVC&region=R]`,
    example: `${ADDRESS}?status=open,upcoming&service=EC2`,
    description: 'AWS Health events, the newest update first; by status, category, service, region (values comma-separated)',
  }],
  filterLabels: FILTER_LABELS,
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'maxResults' },
  encodeToken,
  // API reference, DescribeEvents: "maxResults … Valid Range: Minimum value of 10. Maximum value of 100." (the current
  // model says 1 to 100: 10 to 100 is valid under both).
  pageSizeLimits: { min: 10, max: 100 },
  position: eventPosition('lastUpdatedTimes'),
  uniqueKey: (item) => item.id,
  columns: EVENT_FIELDS,
  get emptyLabel() {
    return l10n.t('No events');
  },
  paginate: eventPasses(() => load().paginateDescribeEvents, (params, window) => {
    const filter = { ...eventFilterOf(params), ...(window ? { lastUpdatedTimes: [window] } : {}) };
    return Object.keys(filter).length ? { filter } : {};
  }),
  itemsOf: (output) => output.events.map((event) => eventItem(event, EVENT_FIELDS, { kind: 'health.entities', params: { event: event.arn ?? '' } })),
  detailsOf: eventDetails,
  console: {
    list: (_params, scope, host) => dashboardPage(host, scope.region, 'account'),
    item: (item, _params, scope, host) => dashboardPage(host, scope.region, 'account', item.id),
  },
};
