import type { HealthClient } from '@aws-sdk/client-health';
import { partitionOf } from '../../aws/partition';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

/**
 * The Health API lives in us-east-1 whatever the connection's region ("You can use the Health endpoint
 * health.us-east-1.amazonaws.com", https://docs.aws.amazon.com/health/latest/APIReference/Welcome.html); in the
 * China and GovCloud partitions, in cn-northwest-1 and us-gov-west-1. A custom endpoint of the connection still applies.
 */
const HEALTH_REGION: Readonly<Record<string, string>> = { 'aws-cn': 'cn-northwest-1', 'aws-us-gov': 'us-gov-west-1' };

export const healthClient: ServiceClient<HealthClient> = {
  id: 'health',
  create: (config) => new (load().HealthClient)({ ...config, region: HEALTH_REGION[partitionOf(config.region)] ?? 'us-east-1' }),
};
