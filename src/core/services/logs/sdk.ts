// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import {
  CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand, paginateDescribeLogGroups, paginateDescribeLogStreams,
  paginateFilterLogEvents, paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';

const sdk = {
  CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand, paginateDescribeLogGroups, paginateDescribeLogStreams,
  paginateFilterLogEvents, paginateGetLogEvents,
};
export const load = () => sdk;
