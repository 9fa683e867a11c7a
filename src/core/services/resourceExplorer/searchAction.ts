import { type ListAction } from '../service';
import { resourceExplorerClient } from './client';
import { viewName } from './resources';
import { load } from './sdk';
import * as l10n from '@vscode/l10n';

/**
 * Search… under Resource Explorer: a query, and which view to search when the Region has several. The results open
 * under Resource Explorer, a page at a time, stopped at the 1,000 a query returns (its export goes past it).
 */
export const searchResources: ListAction = {
  command: 'searchResources',
  listKind: 'resourceExplorer.home',
  async open(_target, clients, prompter, send) {
    const q = await prompter.input({
      title: l10n.t('Search Resource Explorer'),
      prompt: l10n.t('Filters: region:us-east-1, service:s3, resourcetype:ec2:instance, tag:env=prod, tag:none, id:…; - negates (-region:us-east-1), a trailing * matches a prefix, a comma is OR (region:us-east-1,eu-west-1); other words are keywords. Empty: everything.'),
      placeholder: 'service:s3 region:us-east-1',
      history: 'resourceExplorer.queries',
    });
    if (q === undefined) {
      return undefined;
    }
    const client = await clients.client(resourceExplorerClient);
    const views: string[] = [];
    try {
      for await (const page of load().paginateListViews({ client, pageSize: 50 }, {}, send)) {
        views.push(...(page.Views ?? []));
      }
    } catch {
      // Listing views may be denied: the default view is searched.
    }
    const view = views.length < 2 ? undefined : await prompter.pick<string>({
      title: l10n.t('Search Resource Explorer'),
      placeholder: l10n.t('Which view to search'),
      choices: [{ label: l10n.t('The default view'), value: '' }, ...views.map((arn) => ({ label: viewName(arn), description: arn, value: arn }))],
    });
    if (view === undefined && views.length >= 2) {
      return undefined;
    }
    return { kind: 'resourceExplorer.search', params: { q: q.trim(), ...(view ? { view } : {}) } };
  },
};

/** Filter… on All Resources or a view's resources: the view's own kind of filter string, server-side. */
export const filterResources: ListAction = {
  command: 'filterResources',
  listKind: 'resourceExplorer.resources',
  narrows: true,
  async open({ list }, _clients, prompter) {
    const filter = await prompter.input({
      title: l10n.t('Filter Resources'),
      prompt: l10n.t('Filters only (no keywords): region:, service:, resourcetype:, tag:key=value, tag:none; - negates. Empty: no filter.'),
      placeholder: 'resourcetype:ec2:instance region:us-east-1',
      value: list.params.filter,
      history: 'resourceExplorer.filters',
    });
    return filter === undefined ? undefined : { kind: list.kind, params: { ...list.params, filter: filter.trim() } };
  },
};
