import type { SearchCommandOutput } from '@aws-sdk/client-resource-explorer-2';
import { type AwsClients, type SendOptions } from '../../aws/clients';
import { formatCount } from '../../numbers';
import { type Params } from '../../lists';
import { type PaginatorOptions } from '../../paging/listPaging';
import { AddressError } from '../address';
import { consolePage } from '../console';
import { type ResourceKind } from '../kind';
import { resourceExplorerClient } from './client';
import { paceSearch } from './pace';
import { RESOURCE_COLUMNS, resourceDetails, resourceItem } from './resourceRows';
import { load } from './sdk';
import { partQuery, splitPart, type Part } from './split';
import * as l10n from '@vscode/l10n';
import { byField, type ListSummary } from '../../answers/summaryFacet';

const PREFIX = 'resource-explorer:search';

/**
 * A page as the search yields it: the service's, and in an export the parts being listed (the page's first) and how
 * many results of that part the listing has passed with it.
 */
type SearchPage = SearchCommandOutput & { readonly parts?: readonly Part[]; readonly passed?: number };

/**
 * Where a search goes on after a refused token: the parts left (the one it was in first), and how many results of
 * that part it had passed. The part is listed again from its start, those results left out (they come in the same
 * order: filters alone are sorted the same way every time; ranked keywords may not be, and each ARN is written once
 * anyway, see `uniqueKey`).
 */
interface SearchPosition {
  readonly parts: readonly Part[];
  readonly taken: number;
}

/** What Summarize… groups the search by. */
const resourcesSummary: ListSummary = { groupings: [byField('type', 'By resource type', 'ResourceType'), byField('region', 'By Region', 'Region'), byField('account', 'By account', 'OwningAccountId')] };

/**
 * A Resource Explorer search (Search): `q`, the query (filters and keywords; empty: everything the view shows), and
 * optionally `view`, a view's ARN (else the Region's default view). In the tree it is the service's own listing,
 * stopped at 1,000 results, and its node says when there are more. An export (`all`, see `flatten`) lists every match:
 * past the cap, the query is split until every part is complete (split.ts), each match written once.
 */
export const resourceSearch: ResourceKind<SearchPage> = {
  id: 'resourceExplorer.search',
  itemNoun: 'resources',
  summary: resourcesSummary,
  title: (params) => (params.q ? l10n.t('Search: {0}', params.q) : l10n.t('Search: everything')),
  icon: 'search',
  address(params) {
    const query = new URLSearchParams({ q: params.q ?? '' });
    if (params.view) {
      query.set('view', params.view);
    }
    return `${PREFIX}?${query.toString()}`;
  },
  parseAddress(text): Params | undefined {
    if (text !== PREFIX && !text.startsWith(`${PREFIX}?`)) {
      return undefined;
    }
    const query = new URLSearchParams(text.slice(PREFIX.length + 1));
    const unknown = [...query.keys()].filter((key) => key !== 'q' && key !== 'view');
    if (unknown.length) {
      throw new AddressError(l10n.t('{0} takes ?q=… and &view=… only, not {1}.', PREFIX, unknown.join(', ')));
    }
    const view = query.get('view');
    if (view && !/^arn:[^:]+:resource-explorer-2:[^:]+:[^:]*:view\//.test(view)) {
      throw new AddressError(l10n.t('"{0}" is not a Resource Explorer view ARN (arn:aws:resource-explorer-2:REGION:ACCOUNT:view/NAME/ID).', view));
    }
    return { q: query.get('q') ?? '', ...(view ? { view } : {}) };
  },
  addressForms: [{
    form: `${PREFIX}?q=QUERY[&view=ARN]`, example: `${PREFIX}?q=service:s3 region:us-east-1`,
    description: 'the resources a Resource Explorer query finds (an export lists every match, past the 1,000 a query returns)',
  }],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // API reference, Search: "MaxResults … Valid Range: Minimum value of 1. Maximum value of 1000."
  pageSizeLimits: { min: 1, max: 1000 },
  columns: RESOURCE_COLUMNS,
  // Ranked keyword results may come back in another order after a refused token: each ARN is written once anyway.
  uniqueKey: (item) => item.id,
  flatten: (params) => ({ ...params, all: '1' }),
  position: {
    input: 'part',
    after(output, _params, before) {
      if (output.parts) {
        return JSON.stringify({ parts: output.parts, taken: output.passed ?? 0 } satisfies SearchPosition);
      }
      // The tree's search: one part, the query itself.
      const previous = before ? JSON.parse(before) as SearchPosition : undefined;
      return JSON.stringify({ parts: [[]], taken: (previous?.taken ?? 0) + (output.Resources?.length ?? 0) } satisfies SearchPosition);
    },
    describe(after) {
      const { parts, taken } = JSON.parse(after) as SearchPosition;
      const part = parts[0] ?? [];
      return l10n.t('the first {0} results of {1}, listed again', formatCount(taken), part.length ? part.join(' ') : l10n.t('the query'));
    },
  },
  get emptyLabel() {
    return l10n.t('No matching resources');
  },
  paginate: (clients, params, options, send) => (params.all ? allMatches(clients, params, options, send) : capped(clients, params, options, send)),
  itemsOf: (output) => (output.Resources ?? []).flatMap((resource) => (resource.Arn ? [resourceItem(resource)] : [])),
  noteOf(output, params) {
    return !params.all && output.Count?.Complete === false
      ? l10n.t('{0} of more (Resource Explorer stops at 1,000 a query)', formatCount(output.Count.TotalResources ?? 1000))
      : undefined;
  },
  detailsOf: resourceDetails,
  console: {
    list: (params, scope, host) => consolePage(host, 'resource-explorer/home', scope.region, `/search?query=${encodeURIComponent(params.q ?? '')}`),
  },
};

/** The pages of one query (a part's, in an export), one search at a time within the connection's pace. */
async function* searchPages(
  clients: AwsClients, query: string, view: string | undefined, options: PaginatorOptions, token: string | undefined, send: SendOptions,
): AsyncGenerator<SearchCommandOutput> {
  const client = await clients.client(resourceExplorerClient);
  const pages = load().paginateSearch({ client, pageSize: options.pageSize, startingToken: token }, { QueryString: query, ViewArn: view }, send)[Symbol.asyncIterator]();
  for (;;) {
    await paceSearch(clients, send.abortSignal);
    const next = await pages.next();
    if (next.done) {
      return;
    }
    yield next.value;
  }
}

/** After a refused token: the position's part from its first page, the results already taken left out. */
function skipTaken(from: SearchPosition | undefined) {
  let skip = from?.taken ?? 0;
  return (output: SearchCommandOutput): SearchCommandOutput => {
    if (skip === 0) {
      return output;
    }
    const resources = output.Resources ?? [];
    const dropped = Math.min(skip, resources.length);
    skip -= dropped;
    return { ...output, Resources: resources.slice(dropped) };
  };
}

/** The tree's search: the service's pages, up to its 1,000 results. */
async function* capped(clients: AwsClients, params: Params, options: PaginatorOptions, send: SendOptions): AsyncGenerator<SearchPage> {
  const from = options.startAfter ? JSON.parse(options.startAfter) as SearchPosition : undefined;
  const skip = skipTaken(from);
  for await (const output of searchPages(clients, params.q ?? '', params.view, options, from ? undefined : options.startingToken, send)) {
    yield skip(output);
  }
}

/** The state an export's token holds: the parts left to list (the one being listed first) and the service's token in it. */
interface SplitToken {
  readonly parts: readonly Part[];
  readonly token?: string;
}

/**
 * Every match of a query, past the 1,000 cap: a part whose first page says its count is complete is listed to its
 * end; one that is not is split (split.ts) and its parts listed in its place, depth first. The pager's token holds the
 * parts left and the service's token within the first, so a checkpoint resumes in the right part with the same split.
 */
async function* allMatches(clients: AwsClients, params: Params, options: PaginatorOptions, send: SendOptions): AsyncGenerator<SearchPage> {
  const query = params.q ?? '';
  const from = options.startAfter ? JSON.parse(options.startAfter) as SearchPosition : undefined;
  const resumed = options.startingToken ? JSON.parse(options.startingToken) as SplitToken : undefined;
  let parts: readonly Part[] = from?.parts ?? resumed?.parts ?? [[]];
  let token = from ? undefined : resumed?.token;
  let skip = skipTaken(from);
  while (parts.length) {
    const [part, ...rest] = parts;
    // A part resumed mid-way is known complete (it was paged); any other is probed by its first page.
    let probing = token === undefined;
    let passed = 0;
    let split: Part[] = [];
    for await (const output of searchPages(clients, partQuery(query, part), params.view, options, token, send)) {
      if (probing) {
        probing = false;
        split = output.Count?.Complete === false ? splitPart(query, part, output.Resources ?? []) : [];
        if (split.length) {
          break;
        }
      }
      passed += output.Resources?.length ?? 0;
      const handOn: SplitToken | undefined = output.NextToken ? { parts, token: output.NextToken } : rest.length ? { parts: rest } : undefined;
      yield { ...skip(output), parts, passed, NextToken: handOn ? JSON.stringify(handOn) : undefined };
    }
    parts = split.length ? [...split, ...rest] : rest;
    token = undefined;
    skip = skipTaken(undefined);
  }
}
