import type { EC2Client } from '@aws-sdk/client-ec2';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const ec2Client: ServiceClient<EC2Client> = {
  id: 'ec2',
  create: (config) => new (load().EC2Client)(config),
};
