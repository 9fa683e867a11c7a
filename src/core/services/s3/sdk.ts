// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import {
  GetBucketInventoryConfigurationCommand, GetBucketLocationCommand, GetObjectCommand, HeadObjectCommand, ListBucketInventoryConfigurationsCommand,
  paginateListBuckets, paginateListObjectsV2, S3Client,
} from '@aws-sdk/client-s3';
import type { ListBucketInventoryConfigurationsCommandInput, ListBucketInventoryConfigurationsCommandOutput } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createPaginator } from '@smithy/core';

// The SDK has no paginator for this list: one made the way the SDK makes its own (no page size: S3 gives at most 100).
const paginateListBucketInventoryConfigurations = createPaginator(S3Client, ListBucketInventoryConfigurationsCommand, 'ContinuationToken', 'NextContinuationToken', '') as (
  config: { client: S3Client; pageSize?: number; startingToken?: string }, input: ListBucketInventoryConfigurationsCommandInput, ...rest: never[]
) => AsyncIterable<ListBucketInventoryConfigurationsCommandOutput>;

const sdk = {
  GetBucketInventoryConfigurationCommand, GetBucketLocationCommand, GetObjectCommand, HeadObjectCommand,
  paginateListBuckets, paginateListBucketInventoryConfigurations, paginateListObjectsV2, S3Client, getSignedUrl,
};
export const load = () => sdk;
