import type { FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { logsClient } from './client';
import { eventDetails, eventRows, EVENT_COLUMNS } from './eventRows';
import { namedGroupItem } from './groups';
import { checkedGroup, parseLogsArn, streamNameProblem } from './names';
import { load } from './sdk';
import { rangeLabel, timeOf, timeText } from './time';
import { AddressError } from '../address';
import { type Params } from '../../lists';
import { type ResourceKind } from '../kind';
import { logsConsolePage } from './names';
import * as l10n from '@vscode/l10n';
import { byField, byHour, type ListSummary } from '../../answers/summaryFacet';

const PREFIX = 'logs:group/';
/** The query parameters of a search, in the order its address writes them. */
const QUERY = ['start', 'end', 'pattern', 'stream'] as const;

/** Where a search goes on when its token is refused: the last timestamp written, and the ids written at it. */
interface SearchPosition {
  readonly t: number;
  readonly ids: readonly string[];
}

/** What Summarize… groups the search by. */
const searchSummary: ListSummary = { groupings: [byField('stream', 'By log stream', 'logStreamName'), byHour] };

/**
 * The events of a log group that match a filter pattern in a time range (FilterLogEvents), across its streams in
 * time order. Params: `group`, and optionally `start` and `end` (see `timeOf`: `-24h` is measured from the export's
 * start), `pattern` (the filter pattern), `stream` (one stream only). Pages may be empty and still carry a token.
 *
 * Its tokens expire after 24 hours, but the events come in time order, so the search has a position: the timestamp
 * of the last event written and the ids of the events written at that timestamp. A refused token is replaced by the
 * same search from that timestamp (`startTime`), those ids skipped: nothing is written twice or missed.
 */
export const logSearch: ResourceKind<FilterLogEventsCommandOutput> = {
  id: 'logs.search',
  itemNoun: 'events',
  summary: searchSummary,
  title: (params) => `${params.pattern ? `"${params.pattern}"` : l10n.t('All events')} · ${rangeLabel(params.start, params.end)}${params.stream ? ` · ${params.stream}` : ''}`,
  icon: 'search',
  address(params) {
    const query = new URLSearchParams();
    for (const name of QUERY) {
      if (params[name] !== undefined && params[name] !== '') {
        query.set(name, params[name]);
      }
    }
    const text = query.toString();
    return `${PREFIX}${params.group}${text ? `?${text}` : ''}`;
  },
  parseAddress(text): Params | undefined {
    if (!text.startsWith(PREFIX)) {
      const arn = parseLogsArn(text);
      return arn && arn.stream === undefined && !/:\*$/.test(text) ? { group: checkedGroup(arn.group) } : undefined;
    }
    const rest = text.slice(PREFIX.length);
    const mark = rest.indexOf('?');
    const group = checkedGroup(mark < 0 ? rest : rest.slice(0, mark));
    const query = new URLSearchParams(mark < 0 ? '' : rest.slice(mark + 1));
    const unknown = [...query.keys()].filter((key) => !(QUERY as readonly string[]).includes(key));
    if (unknown.length) {
      throw new AddressError(l10n.t('{0} takes {1} only, not {2}.', `${PREFIX}${group}`, QUERY.map((name) => `${name}=`).join(', '), unknown.join(', ')));
    }
    const params: Record<string, string> = { group };
    for (const name of QUERY) {
      const value = query.get(name);
      if (value !== null && value !== '') {
        params[name] = name === 'start' || name === 'end' ? timeText(value) : name === 'stream' ? checkedStream(value) : value;
      }
    }
    return params;
  },
  addressForms: [
    {
      form: `${PREFIX}GROUP[?start=T&end=T&pattern=P&stream=S]`,
      example: `${PREFIX}/aws/lambda/orders?start=-24h&pattern=ERROR`,
      description: "a log group's events (FilterLogEvents), optionally in a time range, matching a filter pattern, of one stream",
    },
  ],
  options: [
    { flag: 'start', param: 'start', value: 'TIME', description: 'log events from TIME: now, -15m, -24h, -7d (back from the start of the export), ISO 8601 or epoch ms', parse: timeText },
    { flag: 'end', param: 'end', value: 'TIME', description: 'log events up to TIME (the same forms; default: now)', parse: timeText },
    { flag: 'filter-pattern', param: 'pattern', value: 'PATTERN', description: 'log events matching a CloudWatch Logs filter pattern (e.g. ERROR, "timed out")' },
    { flag: 'log-stream', param: 'stream', value: 'NAME', description: 'log events of one stream of the group only', parse: checkedStream },
  ],
  owner: (params) => (params.start || params.end || params.pattern || params.stream ? undefined
    : { item: namedGroupItem(params.group), source: { kind: 'logs.groups', params: {} } }),
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'limit' },
  // API reference, FilterLogEvents: "limit … Valid Range: Minimum value of 1. Maximum value of 10000."
  pageSizeLimits: { min: 1, max: 10_000 },
  // Users report empty pages that hand back the token they were sent, and sending it again goes on (boto3 #1584,
  // aws-cli #3191); the SDK's paginateFilterLogEvents sends it again too.
  repeatsToken: 5,
  position: {
    input: 'startTime',
    after: positionAfter,
    describe(after) {
      const { t, ids } = JSON.parse(after) as SearchPosition;
      return l10n.t('{0}, skipping the {1} events at that instant already written', new Date(t).toISOString(), ids.length);
    },
  },
  columns: EVENT_COLUMNS,
  get emptyLabel() {
    return l10n.t('No matching events');
  },
  async *paginate(clients, params, options, send) {
    const asOf = options.asOf ? Date.parse(options.asOf) : Date.now();
    const from = options.startAfter ? JSON.parse(options.startAfter) as SearchPosition : undefined;
    const start = params.start === undefined ? undefined : timeOf(params.start, asOf);
    const client = await clients.client(logsClient);
    const pages = load().paginateFilterLogEvents(
      { client, pageSize: options.pageSize, startingToken: options.startingToken },
      {
        logGroupName: params.group,
        // After a refused token: from the timestamp of the last event written (inclusive), the events already
        // written at it skipped below.
        startTime: from ? Math.max(from.t, start ?? from.t) : start,
        endTime: params.end === undefined ? undefined : timeOf(params.end, asOf),
        filterPattern: params.pattern || undefined,
        logStreamNames: params.stream ? [params.stream] : undefined,
      },
      send,
    );
    let skip = from ? new Set(from.ids) : undefined;
    for await (const output of pages) {
      if (skip) {
        const written = skip;
        const events = (output.events ?? []).filter((event) => !(event.timestamp === from!.t && event.eventId !== undefined && written.has(event.eventId)));
        if ((output.events ?? []).some((event) => (event.timestamp ?? 0) > from!.t)) {
          skip = undefined;
        }
        yield { ...output, events };
      } else {
        yield output;
      }
    }
  },
  console: {
    list: (params, scope, host) => logsConsolePage(host, scope.region, params.group),
  },
  itemsOf: (output, params) => eventRows(output.events, `${PREFIX}${params.group}`, true),
  detailsOf: eventDetails,
};

function checkedStream(name: string): string {
  const problem = streamNameProblem(name);
  if (problem) {
    throw new AddressError(problem);
  }
  return name;
}

/** After a page: its last timestamp, with every event id written at it (those of earlier pages at the same instant too). */
function positionAfter(output: FilterLogEventsCommandOutput, _params: Params, before: string | undefined): string | undefined {
  const events = output.events ?? [];
  const last = events.at(-1)?.timestamp;
  if (last === undefined) {
    return before;
  }
  const previous = before ? JSON.parse(before) as SearchPosition : undefined;
  const ids = events.filter((event) => event.timestamp === last && event.eventId !== undefined).map((event) => event.eventId!);
  const position: SearchPosition = { t: last, ids: previous?.t === last ? [...previous.ids, ...ids] : ids };
  return JSON.stringify(position);
}
