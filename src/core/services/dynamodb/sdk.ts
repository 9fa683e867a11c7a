// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { DescribeTableCommand, DynamoDBClient, paginateListTables, paginateQuery, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

const sdk = { client: { DescribeTableCommand, DynamoDBClient, paginateListTables, paginateQuery, paginateScan }, util: { unmarshall } };
export const load = () => sdk;
