import { consolePage } from '../console';

/**
 * The AWS Health Dashboard, through the partition's console (`/health/home` opens it): the account's open issues,
 * an event's page, or the organization's. The dashboard is global; the region is the console's usual parameter.
 */
export function dashboardPage(host: string, region: string, view: 'account' | 'organization', eventArn?: string): string {
  return consolePage(host, 'health/home', region, eventArn === undefined ? `/${view}/dashboard/open-issues` : `/${view}/event-log?eventID=${eventArn}&eventTab=details`);
}
