import type { S3Client } from '@aws-sdk/client-s3';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const s3Client: ServiceClient<S3Client> = {
  id: 's3',
  // Custom endpoints (emulators, `localhost`) have no bucket subdomains.
  create: (config) => new (load().S3Client)({ ...config, forcePathStyle: config.endpoint !== undefined }),
};
