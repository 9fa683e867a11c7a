import { healthClient } from './client';
import { load } from './sdk';
import { type ItemDetails } from '../kind';
import { plain } from '../plain';
import { type ResourceItem } from '../../lists';

// Show Details of an event: its description and metadata. DescribeEventDetails takes 1 to 10 ARNs a call, is not
// paged, and puts an event it cannot return in `failedSet` instead of failing
// (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventDetails.html); one ARN a call here.

/** An event it could not return, as the service said it. */
class EventDetailsError extends Error {
  constructor(readonly errorName: string | undefined, message: string | undefined) {
    super(`${errorName ?? 'Error'}: ${message ?? ''}`);
    this.name = errorName ?? 'EventDetailsError';
  }
}

/** DescribeEventDetails of an event of the account's list. */
export function eventDetails(item: ResourceItem): ItemDetails | undefined {
  const arn = item.record.arn;
  return typeof arn !== 'string' ? undefined : {
    operation: 'DescribeEventDetails',
    async fetch(clients, send) {
      const output = await (await clients.client(healthClient)).send(new (load().DescribeEventDetailsCommand)({ eventArns: [arn] }), send);
      const [found] = output.successfulSet ?? [];
      if (!found) {
        const [failed] = output.failedSet ?? [];
        throw new EventDetailsError(failed?.errorName, failed?.errorMessage);
      }
      return plain(found) as Record<string, unknown>;
    },
  };
}

/**
 * DescribeEventDetailsForOrganization of an event of the organization, for one account (an affected account's row),
 * or the first affected account (an event's row): "To return event details for an event that is specific to an
 * account in your organization, you must specify the awsAccountId parameter"; a public event takes none
 * (https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEventDetailsForOrganization.html).
 */
export function organizationEventDetails(eventArn: string, account: string | undefined, scope: string | undefined): ItemDetails {
  return {
    operation: 'DescribeEventDetailsForOrganization',
    async fetch(clients, send) {
      const client = await clients.client(healthClient);
      let awsAccountId = account;
      if (awsAccountId === undefined && scope === 'ACCOUNT_SPECIFIC') {
        const accounts = await client.send(new (load().DescribeAffectedAccountsForOrganizationCommand)({ eventArn, maxResults: 10 }), send);
        awsAccountId = accounts.affectedAccounts?.[0];
      }
      const output = await client.send(new (load().DescribeEventDetailsForOrganizationCommand)({
        organizationEventDetailFilters: [{ eventArn, ...(awsAccountId !== undefined ? { awsAccountId } : {}) }],
      }), send);
      const [found] = output.successfulSet ?? [];
      if (!found) {
        const [failed] = output.failedSet ?? [];
        throw new EventDetailsError(failed?.errorName, failed?.errorMessage);
      }
      return plain(found) as Record<string, unknown>;
    },
  };
}
