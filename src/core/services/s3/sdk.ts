// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { GetBucketLocationCommand, GetObjectCommand, HeadObjectCommand, paginateListBuckets, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const sdk = { GetBucketLocationCommand, GetObjectCommand, HeadObjectCommand, paginateListBuckets, paginateListObjectsV2, S3Client, getSignedUrl };
export const load = () => sdk;
