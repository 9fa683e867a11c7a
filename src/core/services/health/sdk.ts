// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import {
  DescribeAffectedAccountsForOrganizationCommand, DescribeEventDetailsCommand, DescribeEventDetailsForOrganizationCommand,
  DescribeHealthServiceStatusForOrganizationCommand, HealthClient, paginateDescribeAffectedAccountsForOrganization, paginateDescribeAffectedEntities,
  paginateDescribeAffectedEntitiesForOrganization, paginateDescribeEvents, paginateDescribeEventsForOrganization, paginateDescribeEventTypes,
} from '@aws-sdk/client-health';

const sdk = {
  DescribeAffectedAccountsForOrganizationCommand, DescribeEventDetailsCommand, DescribeEventDetailsForOrganizationCommand,
  DescribeHealthServiceStatusForOrganizationCommand, HealthClient, paginateDescribeAffectedAccountsForOrganization, paginateDescribeAffectedEntities,
  paginateDescribeAffectedEntitiesForOrganization, paginateDescribeEvents, paginateDescribeEventsForOrganization, paginateDescribeEventTypes,
};
export const load = () => sdk;
