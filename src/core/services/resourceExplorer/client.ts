import type { ResourceExplorer2Client } from '@aws-sdk/client-resource-explorer-2';
import { type ServiceClient } from '../../aws/clients';
import { load } from './sdk';

/** Resource Explorer is regional: the connection's region picks the index (and the views) that answer. */
export const resourceExplorerClient: ServiceClient<ResourceExplorer2Client> = {
  id: 'resource-explorer-2',
  create: (config) => new (load().ResourceExplorer2Client)(config),
};
