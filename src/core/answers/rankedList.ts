import { type ListRef, type Params, type ResourceItem } from '../lists';
import { StatedError } from '../problems/statedError';
import { type ResourceKind } from '../services/kind';
import { derivedKindOf } from '../services/derivedKind';
import { type SummaryState } from './summary';
import * as l10n from '@vscode/l10n';

// The largest, newest and oldest items a summary kept, as lists of their own kind (`s3.objects+top`) under the
// summarized node: one page of the items themselves, so their rows open, download, copy and show details as the
// listed rows do. A summary keeps at most N of each (a heap, not every row), and the ranking is held here for as long
// as the window is open: it is the summary's answer, not something a request could list again.

/** How a ranked kind's id ends: `s3.objects+top` ranks items of `s3.objects`. */
export const RANKED_SUFFIX = '+top';

export type Rank = 'largest' | 'newest' | 'oldest';
export const RANKS: readonly Rank[] = ['largest', 'newest', 'oldest'];

const PARAM = { rank: 'rank', ranking: 'rankedBy', count: 'rankTop' } as const;
const OWN = new Set<string>(Object.values(PARAM));

/** Rankings of the summaries of this window, newest last; the oldest are forgotten past this many. */
const KEPT = 20;
const rankings = new Map<string, Readonly<Record<Rank, readonly ResourceItem[]>>>();

/** The kind a ranked kind ranks items of, or undefined for any other kind. */
export function rankedInKind(kindId: string): string | undefined {
  return kindId.endsWith(RANKED_SUFFIX) ? kindId.slice(0, -RANKED_SUFFIX.length) : undefined;
}

/**
 * Keeps the rankings of a finished summary of `list` (the list it read) under `id`, and returns the ranked lists that
 * have items: the largest where the kind sizes its items, the newest and oldest where its rows carry a time.
 */
export function keepRankings(id: string, list: ListRef, state: SummaryState, top: number): ListRef[] {
  rankings.delete(id);
  rankings.set(id, { largest: state.largest.map((r) => r.item), newest: state.newest.map((r) => r.item), oldest: state.oldest.map((r) => r.item) });
  while (rankings.size > KEPT) {
    rankings.delete(rankings.keys().next().value!);
  }
  return RANKS.filter((rank) => state[rank].length > 0).map((rank) => ({
    kind: `${list.kind}${RANKED_SUFFIX}`,
    params: { ...list.params, [PARAM.rank]: rank, [PARAM.ranking]: id, [PARAM.count]: String(top) },
  }));
}

/** The rank a ranked list shows. */
export function rankOf(params: Params): Rank {
  return (params[PARAM.rank] ?? 'largest') as Rank;
}

function baseParams(params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !OWN.has(name)));
}

/** The ranking is gone: it was made in another window (a favorite, a list restored after a reload). */
export class RankingGoneError extends StatedError {
  override readonly name = 'RankingGoneError';
}

/** A ranked list's one page, as `paginate` yields it. */
interface RankedPage {
  readonly Items: readonly ResourceItem[];
}

const titles: Record<Rank, (count: string, of: string) => string> = {
  largest: (count, of) => l10n.t('Largest {0} under {1}', count, of),
  newest: (count, of) => l10n.t('Newest {0} under {1}', count, of),
  oldest: (count, of) => l10n.t('Oldest {0} under {1}', count, of),
};

/** The ranked kind of `base`: one page, the ranked items in rank order; its rows act as `base`'s rows do. */
export function rankedKindOf(base: ResourceKind): ResourceKind {
  return derivedKindOf(base, baseParams, {
    id: `${base.id}${RANKED_SUFFIX}`,
    title: (params) => titles[rankOf(params)](params[PARAM.count] ?? '', base.title(baseParams(params))),
    icon: 'list-ordered',
    address: (params) => l10n.t('{0} ({1} {2})', base.address(baseParams(params)), rankOf(params), params[PARAM.count] ?? ''),
    flatten: undefined,
    splitBy: undefined,
    segments: undefined,
    position: undefined,
    whyRefused: undefined,
    noteOf: undefined,
    scannedOf: undefined,
    summary: undefined,
    tokenFields: { input: 'none', output: 'NextToken' },
    fixedPageSize: 1,
    emptyLabel: l10n.t('No items'),
    async *paginate(_clients, params) {
      const ranking = rankings.get(params[PARAM.ranking] ?? '');
      if (!ranking) {
        throw new RankingGoneError(l10n.t('This ranking was made by a summary in another window. Run Summarize… on the list again to rank it.'));
      }
      yield { Items: ranking[rankOf(params)] } satisfies RankedPage;
    },
    itemsOf: (output) => [...(output as RankedPage).Items],
  });
}
