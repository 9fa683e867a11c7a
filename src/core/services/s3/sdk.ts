// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { GetBucketLocationCommand, HeadObjectCommand, paginateListBuckets, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';

const sdk = { GetBucketLocationCommand, HeadObjectCommand, paginateListBuckets, paginateListObjectsV2, S3Client };
export const load = () => sdk;
