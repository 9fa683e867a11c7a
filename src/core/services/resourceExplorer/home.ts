import { consolePage } from '../console';
import { type ResourceKind } from '../kind';
import { type ResourceItem } from '../../lists';
import * as l10n from '@vscode/l10n';

const ADDRESS = 'resource-explorer:';

/** The rows under Resource Explorer; the search action's command (searchAction.ts) is `searchResources`. */
function homeRows(): ResourceItem[] {
  const row = (id: string, name: string, description: string, itemKind: string, rest: Partial<ResourceItem>): ResourceItem => ({
    id: `${ADDRESS}${id}`, name, description, itemKind, record: { name }, ...rest,
  });
  return [
    row('search', l10n.t('Search…'), l10n.t('region:, service:, resourcetype:, tag:, - to negate'), 'resourceExplorerAction', { action: 'searchResources' }),
    row('resources', l10n.t('All Resources'), l10n.t('the default view, without the 1,000 cap'), 'resourceExplorerList', { children: { kind: 'resourceExplorer.resources', params: {} } }),
    row('views', l10n.t('Views'), l10n.t('the Region\'s views, each with its resources'), 'resourceExplorerList', { children: { kind: 'resourceExplorer.views', params: {} } }),
    row('indexes', l10n.t('Indexes'), l10n.t('LOCAL or AGGREGATOR, by Region'), 'resourceExplorerList', { children: { kind: 'resourceExplorer.indexes', params: {} } }),
  ];
}

/**
 * Resource Explorer at the top of the tree: where is the thing called X, in any Region, of any type? Its rows are
 * Search… (searches open under it), All Resources, Views and Indexes. Listing it sends no request.
 */
export const resourceExplorerHome: ResourceKind<{ readonly rows: true }> = {
  id: 'resourceExplorer.home',
  itemNoun: 'entries',
  title: () => l10n.t('Resource Explorer'),
  icon: 'search',
  address: () => ADDRESS,
  parseAddress: (text) => (text === ADDRESS || text === 'resource-explorer' ? {} : undefined),
  addressForms: [{ form: ADDRESS, example: ADDRESS, description: 'Resource Explorer: Search…, All Resources, Views and Indexes' }],
  tokenFields: { input: 'NextToken', output: 'NextToken' },
  fixedPageSize: 4,
  columns: ['name'],
  async *paginate() {
    yield { rows: true };
  },
  itemsOf: () => homeRows(),
  console: {
    list: (_params, scope, host) => consolePage(host, 'resource-explorer/home', scope.region),
  },
};
