import type { SNSClient } from '@aws-sdk/client-sns';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const snsClient: ServiceClient<SNSClient> = {
  id: 'sns',
  create: (config) => new (load().SNSClient)(config),
};
