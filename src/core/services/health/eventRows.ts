import type { Event, OrganizationEvent } from '@aws-sdk/client-health';
import { type ListRef, type ResourceItem, type Value } from '../../lists';
import { plain } from '../plain';
import { CATEGORIES, STATUSES } from './filters';

/** An Event's fields as the AWS CLI prints them, in the API's order (API_Event.html). */
export const EVENT_FIELDS = [
  'arn', 'service', 'eventTypeCode', 'eventTypeCategory', 'region', 'availabilityZone', 'startTime', 'endTime', 'lastUpdatedTime', 'statusCode',
  'eventScopeCode', 'actionability', 'personas',
] as const;
/** An OrganizationEvent's (API_OrganizationEvent.html): no availabilityZone, the scope before the region. */
export const ORGANIZATION_EVENT_FIELDS = [
  'arn', 'service', 'eventTypeCode', 'eventTypeCategory', 'eventScopeCode', 'region', 'startTime', 'endTime', 'lastUpdatedTime', 'statusCode',
  'actionability', 'personas',
] as const;

/** An icon per category and status: an open issue warns, a closed one has passed, an upcoming one is on the calendar. */
const ICONS: Readonly<Record<(typeof CATEGORIES)[number], Readonly<Record<(typeof STATUSES)[number], string>>>> = {
  issue: { open: 'warning', upcoming: 'calendar', closed: 'pass' },
  accountNotification: { open: 'bell-dot', upcoming: 'bell', closed: 'bell' },
  scheduledChange: { open: 'watch', upcoming: 'calendar', closed: 'history' },
  investigation: { open: 'search', upcoming: 'search', closed: 'search' },
};

/** The item kinds of events, `healthEvent.<category>.<status>` (the menus match `healthEvent`), and a fallback. */
export const EVENT_ITEM_KINDS: Readonly<Record<string, { readonly icon: string; readonly noun: string }>> = {
  healthEvent: { icon: 'pulse', noun: 'Health event' },
  ...Object.fromEntries(CATEGORIES.flatMap((category) => STATUSES.map((status) => [
    `healthEvent.${category}.${status}`, { icon: ICONS[category][status], noun: `${status} Health ${category} event` },
  ]))),
};

export function eventItemKind(category: string | undefined, status: string | undefined): string {
  const kind = `healthEvent.${category}.${status}`;
  return EVENT_ITEM_KINDS[kind] ? kind : 'healthEvent';
}

/**
 * An event as a row: "event type · service · region", its status, its start time (the view shows it in local time);
 * its record the API's fields, dates in ISO 8601. Expands to `children`.
 */
export function eventItem(event: Event | OrganizationEvent, fields: readonly string[], children: ListRef | undefined): ResourceItem {
  const arn = event.arn ?? '';
  return {
    id: arn,
    name: [event.eventTypeCode, event.service, event.region].filter(Boolean).join(' · '),
    description: event.statusCode,
    time: event.startTime?.toISOString(),
    itemKind: eventItemKind(event.eventTypeCategory, event.statusCode),
    ids: [{ label: 'ARN', value: arn }],
    ...(children ? { children } : {}),
    record: recordOf(event, fields),
  };
}

/**
 * A response shape as the AWS CLI prints it: the fields in the API's order (then any the model added since), dates in
 * ISO 8601, absent ones left out.
 */
export function recordOf(shape: object, fields: readonly string[]): Record<string, Value> {
  const record: Record<string, Value> = {};
  const source = shape as Record<string, unknown>;
  for (const field of [...fields, ...Object.keys(source).filter((key) => !fields.includes(key))]) {
    if (source[field] !== undefined) {
      record[field] = plain(source[field]);
    }
  }
  return record;
}
