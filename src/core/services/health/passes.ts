import type { DateTimeRange, HealthClient } from '@aws-sdk/client-health';
import { healthClient } from './client';
import { type Params } from '../../lists';
import { type ListPaging, type PaginatorOptions } from '../../paging/listPaging';
import * as l10n from '@vscode/l10n';

// Health events come newest update first ("Results are sorted by lastModifiedTime, starting with the most recent
// event", https://docs.aws.amazon.com/health/latest/APIReference/API_DescribeEvents.html): a window that moves while
// it is paged. The tree lists it live. An export lists it in passes, each a fixed window of lastUpdatedTime:
//   pass 0: every event updated up to the export's start (`asOf`, kept in the checkpoint): the frozen set;
//   pass 1: the events updated since then, up to an anchor fixed when the pass starts. Empty: the export is complete.
//           Otherwise an event returned before may have left pass 0's window while it was paged, and the service's
//           offset tokens then skip an unchanged event, which no "updated since" listing shows. So:
//   pass 2: every event updated up to that anchor again (the exporter writes each key once, so only what was missed
//           is written), then pass 3, the events updated since that anchor, and so on until an "updated since" pass
//           is empty: nothing changed while the last full pass was paged, so it missed nothing.
// The pass and its window travel in the token the pager sees, and in the position, so a checkpoint resumes in its
// pass, and a refused token goes on with the same window up to the last event taken.

/** Which window a listing of events is in. An empty state is the live list (the tree): one pass, no window. */
interface PassState {
  /** Even: every event updated up to `anchor`; odd: those updated from `since` to `anchor`. */
  readonly pass?: number;
  /** Epoch milliseconds: the export's start for pass 0, fixed when an odd pass starts for the others. */
  readonly anchor?: number;
  readonly since?: number;
  /** An odd pass has returned an event. */
  readonly found?: boolean;
  /** After a refused token: the pass goes on up to this instant, the last event taken. */
  readonly upTo?: number;
}

/** The token of a page: its pass, and the service's own token within it (none for a pass's first page). */
export interface PassToken extends PassState {
  readonly next?: string;
}

/** The position after a page: its pass, the lastUpdatedTime of its last event and the ARNs taken at that instant. */
interface PassPosition extends PassState {
  readonly t?: number;
  readonly ids: readonly string[];
}

/** A page of events as the pager sees it: the pass's token in place of the service's. */
export interface EventsPage<E> {
  readonly events: E[];
  readonly nextToken?: PassToken;
  /** The pass the page belongs to. */
  readonly state: PassState;
}

/** What a listing needs of an event. */
export interface ListedEvent {
  readonly arn?: string;
  readonly lastUpdatedTime?: Date;
}

type Paginator<I, E> = (
  config: { client: HealthClient; pageSize?: number; startingToken?: string }, input: I, ...rest: never[]
) => AsyncIterable<{ events?: E[]; nextToken?: string }>;

/** A token this listing did not write (edited, or from another version): refused as the service refuses one. */
class ForeignTokenError extends Error {
  override readonly name = 'InvalidPaginationToken';
  constructor() {
    super('The pagination token (nextToken) is not one of this listing.');
  }
}

/**
 * The paginate of a list of events: the SDK's paginator run once per pass (see above), with `input` the request for
 * the params and the pass's window of lastUpdatedTime (undefined: the live list).
 */
export function eventPasses<I, E extends ListedEvent>(
  paginator: () => Paginator<I, E>, input: (params: Params, window: DateTimeRange | undefined) => I,
): ListPaging<EventsPage<E>>['paginate'] {
  return async function* (clients, params, options, send) {
    const client = await clients.client(healthClient);
    let { state, skip } = startOf(options);
    while (state) {
      const { next, ...current } = state;
      const odd = current.pass !== undefined && current.pass % 2 === 1;
      let found = current.found === true;
      let following: PassToken | undefined;
      for await (const output of paginator()({ client, pageSize: options.pageSize, startingToken: next }, input(params, windowOf(current)), send as never)) {
        const listed = output.events ?? [];
        found ||= odd && listed.length > 0;
        const after: PassState = { ...current, ...(found ? { found } : {}) };
        following = output.nextToken ? { ...after, next: output.nextToken } : nextPass(after);
        yield { events: skip ? listed.filter((event) => !skip!(event)) : listed, ...(following ? { nextToken: following } : {}), state: after };
      }
      state = following;
      skip = undefined;
    }
  };
}

/** The position facet of a list of events: see `PassPosition`. */
export function eventPosition<E extends ListedEvent>(input: string): NonNullable<ListPaging<EventsPage<E>>['position']> {
  return {
    input,
    after(output, _params, before) {
      const previous = before ? decodePosition(before) : undefined;
      const same = previous !== undefined && previous.pass === output.state.pass && previous.anchor === output.state.anchor;
      const last = output.events.at(-1);
      if (!last) {
        return JSON.stringify(same ? { ...output.state, t: previous.t, ids: previous.ids } : { ...output.state, ids: [] });
      }
      const t = timeOf(last);
      const ids = output.events.filter((event) => timeOf(event) === t).map((event) => event.arn ?? '');
      return JSON.stringify({ ...output.state, t, ids: same && previous.t === t ? [...previous.ids, ...ids] : ids });
    },
    describe(after) {
      const { t, ids } = decodePosition(after);
      return t === undefined ? l10n.t('the start of its pass') : l10n.t('updated at {0}; the {1} events of that instant already written skipped', new Date(t).toISOString(), ids.length);
    },
  };
}

/** A token as the text a Load more row and a checkpoint hold. */
export function encodeToken(token: unknown): string {
  return JSON.stringify(token);
}

function startOf(options: PaginatorOptions): { state: PassToken | undefined; skip?: (event: ListedEvent) => boolean } {
  if (options.startingToken) {
    return { state: decodeToken(options.startingToken) };
  }
  if (options.startAfter) {
    const { t, ids, ...state } = decodePosition(options.startAfter);
    if (t === undefined) {
      return { state };
    }
    const written = new Set(ids);
    return { state: { ...state, upTo: t }, skip: (event) => timeOf(event) === t && written.has(event.arn ?? '') };
  }
  return { state: options.asOf ? { pass: 0, anchor: Date.parse(options.asOf) } : {} };
}

/** The pass after a complete one, its anchor fixed now; undefined when the listing is complete. */
function nextPass(state: PassState): PassToken | undefined {
  if (state.pass === undefined || state.anchor === undefined) {
    return undefined;
  }
  if (state.pass % 2 === 0) {
    const since = state.anchor + 1;
    return { pass: state.pass + 1, anchor: Math.max(since, Date.now()), since };
  }
  return state.found ? { pass: state.pass + 1, anchor: state.anchor } : undefined;
}

/**
 * A pass's window: "If from is set and to is set: match items where the timestamp ... is between from and to
 * inclusive" (https://docs.aws.amazon.com/health/latest/APIReference/API_DateTimeRange.html).
 */
function windowOf(state: PassState): DateTimeRange | undefined {
  const to = state.upTo ?? state.anchor;
  return to === undefined ? undefined : { ...(state.since !== undefined ? { from: new Date(state.since) } : {}), to: new Date(to) };
}

function timeOf(event: ListedEvent): number {
  return event.lastUpdatedTime?.getTime() ?? 0;
}

function decodeToken(text: string): PassToken {
  const token = parse(text) as PassToken | undefined;
  if (token === undefined || (token.next !== undefined && typeof token.next !== 'string')) {
    throw new ForeignTokenError();
  }
  return token;
}

function decodePosition(text: string): PassPosition {
  const position = parse(text) as PassPosition | undefined;
  return position && Array.isArray(position.ids) ? position : { ids: [] };
}

function parse(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
