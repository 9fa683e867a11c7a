import type { SQSClient } from '@aws-sdk/client-sqs';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const sqsClient: ServiceClient<SQSClient> = {
  id: 'sqs',
  create: (config) => new (load().SQSClient)(config),
};
