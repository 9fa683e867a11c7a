import type { ListViewsCommandOutput } from '@aws-sdk/client-resource-explorer-2';
import { responseFields, type ResourceKind } from '../kind';
import { consolePage } from '../console';
import { resourceExplorerClient } from './client';
import { viewName } from './resources';
import { load } from './sdk';
import * as l10n from '@vscode/l10n';

const ADDRESS = 'resource-explorer:views';

/** The views of the connection's Region (ListViews gives their ARNs); each expands to the resources it shows. */
export const viewList: ResourceKind<ListViewsCommandOutput & { readonly defaultView?: string }> = {
  id: 'resourceExplorer.views',
  itemNoun: 'views',
  title: () => l10n.t('Views'),
  icon: 'eye',
  address: () => ADDRESS,
  parseAddress: (text) => (text === ADDRESS ? {} : undefined),
  addressForms: [{ form: ADDRESS, example: ADDRESS, description: 'the Resource Explorer views of the Region' }],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // API reference, ListViews: "MaxResults … Valid Range: Minimum value of 1. Maximum value of 50."
  pageSizeLimits: { min: 1, max: 50 },
  columns: ['ViewArn', 'name', 'isDefault'],
  async *paginate(clients, _params, options, send) {
    const client = await clients.client(resourceExplorerClient);
    // Which one is the default, asked once per listing (GetDefaultView gives no ViewArn when there is none).
    const defaultView = (await client.send(new (load().GetDefaultViewCommand)({}), send)).ViewArn;
    for await (const page of load().paginateListViews({ client, pageSize: options.pageSize, startingToken: options.startingToken }, {}, send)) {
      yield { ...page, defaultView };
    }
  },
  itemsOf: (output) => (output.Views ?? []).map((arn) => {
    const isDefault = arn === output.defaultView;
    return {
      id: arn,
      name: viewName(arn),
      description: isDefault ? l10n.t('default view') : undefined,
      itemKind: 'resourceExplorerView',
      ids: [{ label: 'ARN', value: arn }],
      children: { kind: 'resourceExplorer.resources', params: { view: arn } },
      record: { ViewArn: arn, name: viewName(arn), isDefault },
    };
  }),
  detailsOf(item) {
    return {
      operation: 'GetView',
      async fetch(clients, send) {
        const output = await (await clients.client(resourceExplorerClient)).send(new (load().GetViewCommand)({ ViewArn: item.id }), send);
        return responseFields(output);
      },
    };
  },
  console: {
    list: (_params, scope, host) => consolePage(host, 'resource-explorer/home', scope.region, '/views'),
  },
};
