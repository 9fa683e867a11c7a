// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import {
  GetDefaultViewCommand, GetViewCommand, paginateListIndexes, paginateListResources, paginateListSupportedResourceTypes, paginateListViews, paginateSearch,
  ResourceExplorer2Client,
} from '@aws-sdk/client-resource-explorer-2';

const sdk = {
  GetDefaultViewCommand, GetViewCommand, paginateListIndexes, paginateListResources, paginateListSupportedResourceTypes, paginateListViews, paginateSearch,
  ResourceExplorer2Client,
};
export const load = () => sdk;
