import type { ListResourcesCommandOutput } from '@aws-sdk/client-resource-explorer-2';
import { type Params } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { AddressError } from '../address';
import { consolePage } from '../console';
import { type ResourceKind } from '../kind';
import { resourceExplorerClient } from './client';
import { RESOURCE_COLUMNS, resourceDetails, resourceItem } from './resourceRows';
import { load } from './sdk';
import * as l10n from '@vscode/l10n';
import { byField, type ListSummary } from '../../answers/summaryFacet';

const ADDRESS = 'resource-explorer:resources';

/** What Summarize… groups the resources by. */
const resourcesSummary: ListSummary = { groupings: [byField('type', 'By resource type', 'ResourceType'), byField('region', 'By Region', 'Region'), byField('account', 'By account', 'OwningAccountId')] };

/**
 * Every resource a view shows (ListResources): no cap and no ranking, unlike Search. Params: optionally `filter`
 * (filters only, no keywords: "FilterString … does not support free-form text") and `view` (else the default view).
 */
export const resourceList: ResourceKind<ListResourcesCommandOutput> = {
  id: 'resourceExplorer.resources',
  itemNoun: 'resources',
  summary: resourcesSummary,
  title: (params) => (params.view ? l10n.t('Resources of {0}', viewName(params.view)) : l10n.t('All Resources')),
  icon: 'list-unordered',
  address(params) {
    const query = new URLSearchParams();
    for (const name of ['filter', 'view'] as const) {
      if (params[name]) {
        query.set(name, params[name]);
      }
    }
    const text = query.toString();
    return text ? `${ADDRESS}?${text}` : ADDRESS;
  },
  parseAddress(text): Params | undefined {
    if (text !== ADDRESS && !text.startsWith(`${ADDRESS}?`)) {
      return undefined;
    }
    const query = new URLSearchParams(text.slice(ADDRESS.length + 1));
    const unknown = [...query.keys()].filter((key) => key !== 'filter' && key !== 'view');
    if (unknown.length) {
      throw new AddressError(l10n.t('{0} takes ?filter=… and &view=… only, not {1}.', ADDRESS, unknown.join(', ')));
    }
    const [filter, view] = [query.get('filter'), query.get('view')];
    return { ...(filter ? { filter } : {}), ...(view ? { view } : {}) };
  },
  addressForms: [{
    form: `${ADDRESS}[?filter=F&view=ARN]`, example: `${ADDRESS}?filter=resourcetype:ec2:instance`,
    description: 'every resource of a Resource Explorer view (ListResources, no 1,000 cap), optionally filtered',
  }],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // API reference, ListResources: MaxResults 1–1000, but "if you set MaxResults to 1000 … does not generate a
  // NextToken": 999 at most, so a full page still hands on the rest.
  pageSizeLimits: { min: 1, max: 999 },
  columns: RESOURCE_COLUMNS,
  filterLabels: { filter: 'filter' },
  get emptyLabel() {
    return l10n.t('No resources');
  },
  paginate: paginated(resourceExplorerClient, () => load().paginateListResources, (params) => ({
    ...(params.filter ? { Filters: { FilterString: params.filter } } : {}), ViewArn: params.view || undefined,
  })),
  itemsOf: (output) => (output.Resources ?? []).flatMap((resource) => (resource.Arn ? [resourceItem(resource)] : [])),
  detailsOf: resourceDetails,
  console: {
    list: (params, scope, host) => consolePage(host, 'resource-explorer/home', scope.region, `/search?query=${encodeURIComponent(params.filter ?? '')}`),
  },
};

/** A view's name, from its ARN (`…:view/NAME/ID`). */
export function viewName(arn: string): string {
  return /:view\/([^/]+)/.exec(arn)?.[1] ?? arn;
}
