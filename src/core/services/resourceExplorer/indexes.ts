import type { ListIndexesCommandOutput } from '@aws-sdk/client-resource-explorer-2';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import { resourceExplorerClient } from './client';
import { load } from './sdk';
import * as l10n from '@vscode/l10n';

const ADDRESS = 'resource-explorer:indexes';

/**
 * The Regions where Resource Explorer has an index (ListIndexes), LOCAL or AGGREGATOR: an aggregator's Region answers
 * searches across every indexed Region.
 */
export const indexList: ResourceKind<ListIndexesCommandOutput> = {
  id: 'resourceExplorer.indexes',
  itemNoun: 'indexes',
  title: () => l10n.t('Indexes'),
  icon: 'database',
  address: () => ADDRESS,
  parseAddress: (text) => (text === ADDRESS ? {} : undefined),
  addressForms: [{ form: ADDRESS, example: ADDRESS, description: 'the Regions where Resource Explorer has an index, LOCAL or AGGREGATOR' }],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // API reference, ListIndexes: "MaxResults … Valid Range: Minimum value of 1. Maximum value of 100."
  pageSizeLimits: { min: 1, max: 100 },
  columns: ['Region', 'Type', 'Arn'],
  paginate: paginated(resourceExplorerClient, () => load().paginateListIndexes, () => ({})),
  itemsOf: (output) => (output.Indexes ?? []).map((index) => ({
    id: index.Arn ?? `resource-explorer:index/${index.Region}`,
    name: index.Region ?? '',
    description: index.Type === 'AGGREGATOR' ? l10n.t('AGGREGATOR: searches here see every indexed Region') : index.Type,
    itemKind: 'resourceExplorerIndex',
    ids: index.Arn ? [{ label: 'ARN', value: index.Arn }] : undefined,
    record: { ...(index.Region ? { Region: index.Region } : {}), ...(index.Type ? { Type: index.Type } : {}), ...(index.Arn ? { Arn: index.Arn } : {}) },
  })),
  console: {
    list: (_params, scope, host) => consolePage(host, 'resource-explorer/home', scope.region, '/settings'),
  },
};
