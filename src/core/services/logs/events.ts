import type { GetLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { logsClient } from './client';
import { eventDetails, eventDigest, eventRows, STREAM_EVENT_COLUMNS } from './eventRows';
import { checkedGroup, parseLogsArn, streamNameProblem } from './names';
import { load } from './sdk';
import { type Params } from '../../lists';
import { type ResourceKind } from '../kind';
import { AddressError } from '../address';
import { logsConsolePage } from './names';
import * as l10n from '@vscode/l10n';
import { byHour, type ListSummary } from '../../answers/summaryFacet';

const PREFIX = 'logs:stream/';

/** Where a stream goes on when its token is refused: the last timestamp written, and what was written at it. */
interface StreamPosition {
  readonly t: number;
  readonly keys: readonly string[];
}

/** What Summarize… groups the events by. */
const eventsSummary: ListSummary = { groupings: [byHour] };

/**
 * The events of one log stream, oldest first (GetLogEvents `startFromHead`), a page per request. Params: `group`,
 * `stream`. The token is `nextForwardToken`; at the end of the stream the service hands back the token it was sent.
 */
export const logEvents: ResourceKind<GetLogEventsCommandOutput> = {
  id: 'logs.events',
  itemNoun: 'events',
  summary: eventsSummary,
  title: (params) => params.stream,
  icon: 'list-flat',
  address: (params) => `${PREFIX}${params.group}:${params.stream}`,
  parseAddress(text): Params | undefined {
    let group: string;
    let stream: string;
    if (text.startsWith(PREFIX)) {
      const rest = text.slice(PREFIX.length);
      const colon = rest.indexOf(':');
      if (colon < 0) {
        throw new AddressError(`${text}: a stream is ${PREFIX}GROUP:STREAM.`);
      }
      [group, stream] = [rest.slice(0, colon), rest.slice(colon + 1)];
    } else {
      const arn = parseLogsArn(text);
      if (arn?.stream === undefined) {
        return undefined;
      }
      ({ group, stream } = { group: arn.group, stream: arn.stream });
    }
    const problem = streamNameProblem(stream);
    if (problem) {
      throw new AddressError(problem);
    }
    return { group: checkedGroup(group), stream };
  },
  addressForms: [
    { form: `${PREFIX}GROUP:STREAM`, example: `${PREFIX}/aws/lambda/orders:2026/11/30/[$LATEST]0123abcd`, description: "a log stream's events, oldest first" },
    {
      form: 'arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:log-stream:STREAM',
      example: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:log-stream:2026/11/30/[$LATEST]0123abcd',
      description: 'the same, by the stream\'s ARN',
    },
  ],
  owner: (params) => ({
    item: { id: `logs:stream/${params.group}:${params.stream}`, name: params.stream, itemKind: 'logStream', children: { kind: 'logs.events', params }, record: { logStreamName: params.stream } },
    source: { kind: 'logs.streams', params: { group: params.group } },
  }),
  tokenFields: { input: 'nextToken', output: 'nextForwardToken', pageSize: 'limit' },
  // API reference, GetLogEvents: "nextForwardToken … If you have reached the end of the stream, it returns the same
  // token you passed in."
  sameTokenEnds: true,
  // API reference, GetLogEvents: "limit … Valid Range: Minimum value of 1. Maximum value of 10000."
  pageSizeLimits: { min: 1, max: 10_000 },
  // API reference, GetLogEvents: "nextForwardToken … The token expires after 24 hours." The events come in time
  // order, so a refused token is replaced by a request from the last timestamp written (`startTime`), the events of
  // that instant already written skipped (they have no id: by what they hold).
  position: {
    input: 'startTime',
    after(output, _params, before) {
      const events = output.events ?? [];
      const last = events.at(-1)?.timestamp;
      if (last === undefined) {
        return before;
      }
      const previous = before ? JSON.parse(before) as StreamPosition : undefined;
      const keys = events.filter((event) => event.timestamp === last).map(eventDigest);
      return JSON.stringify({ t: last, keys: previous?.t === last ? [...previous.keys, ...keys] : keys } satisfies StreamPosition);
    },
    describe(after) {
      const { t, keys } = JSON.parse(after) as StreamPosition;
      return l10n.t('{0}, skipping the {1} events at that instant already written', new Date(t).toISOString(), keys.length);
    },
  },
  columns: STREAM_EVENT_COLUMNS,
  get emptyLabel() {
    return l10n.t('No events');
  },
  async *paginate(clients, params, options, send) {
    const client = await clients.client(logsClient);
    const from = options.startAfter ? JSON.parse(options.startAfter) as StreamPosition : undefined;
    // startFromHead: "If you are using a previous nextForwardToken value as the nextToken in this operation, you must
    // specify true for startFromHead." After a refused token: from the last timestamp written ("Events with a
    // timestamp equal to this time or later than this time are included").
    const pages = load().paginateGetLogEvents(
      { client, pageSize: options.pageSize, startingToken: from ? undefined : options.startingToken, stopOnSameToken: true },
      { logGroupName: params.group, logStreamName: params.stream, startFromHead: true, ...(from ? { startTime: from.t } : {}) },
      send,
    );
    // The events of that instant already written, each as often as it was (two events can hold the same).
    const written = new Map<string, number>();
    for (const key of from?.keys ?? []) {
      written.set(key, (written.get(key) ?? 0) + 1);
    }
    for await (const output of pages) {
      if (written.size === 0) {
        yield output;
        continue;
      }
      const events = (output.events ?? []).filter((event) => {
        if (event.timestamp !== from!.t) {
          written.clear();
          return true;
        }
        const left = written.get(eventDigest(event)) ?? 0;
        if (left === 0) {
          return true;
        }
        written.set(eventDigest(event), left - 1);
        return false;
      });
      yield { ...output, events };
    }
  },
  console: {
    list: (params, scope, host) => logsConsolePage(host, scope.region, params.group, params.stream),
  },
  itemsOf: (output, params) => eventRows(output.events, `${PREFIX}${params.group}:${params.stream}`, false),
  detailsOf: eventDetails,
};
