import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

export const logsClient: ServiceClient<CloudWatchLogsClient> = {
  id: 'logs',
  create: (config) => new (load().CloudWatchLogsClient)(config),
};
