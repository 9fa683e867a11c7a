import type { DescribeLogStreamsCommandOutput, LogStream } from '@aws-sdk/client-cloudwatch-logs';
import { formatBytes } from '../../numbers';
import { logsClient } from './client';
import { namedGroupItem } from './groups';
import { checkedGroup, parseLogsArn } from './names';
import { load } from './sdk';
import { isoOf } from './time';
import { type Params, type ResourceItem, type Value, arnIds } from '../../lists';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import { plain } from '../plain';
import { logsConsolePage } from './names';

const PREFIX = 'logs:streams/';

/**
 * The streams of a log group, the one with the newest event first (DescribeLogStreams `orderBy: LastEventTime`,
 * `descending`), as the console shows them. Params: `group`.
 */
export const logStreams: ResourceKind<DescribeLogStreamsCommandOutput> = {
  id: 'logs.streams',
  itemNoun: 'log streams',
  title: (params) => params.group,
  icon: 'output',
  address: (params) => `${PREFIX}${params.group}`,
  parseAddress(text): Params | undefined {
    if (text.startsWith(PREFIX)) {
      return { group: checkedGroup(text.slice(PREFIX.length)) };
    }
    const arn = parseLogsArn(text);
    return arn && arn.stream === undefined && /:\*$/.test(text) ? { group: checkedGroup(arn.group) } : undefined;
  },
  addressForms: [
    { form: `${PREFIX}GROUP`, example: `${PREFIX}/aws/lambda/orders`, description: "a log group's streams, the newest first" },
    { form: 'arn:aws:logs:REGION:ACCOUNT:log-group:GROUP:*', example: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders:*', description: 'the same, by the group\'s ARN' },
  ],
  owner: (params) => ({ item: namedGroupItem(params.group), source: { kind: 'logs.groups', params: {} } }),
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'limit' },
  // API reference, DescribeLogStreams: "limit … Valid Range: Minimum value of 1. Maximum value of 50."
  pageSizeLimits: { min: 1, max: 50 },
  columns: ['logStreamName', 'creationTime', 'firstEventTimestamp', 'lastEventTimestamp', 'lastIngestionTime', 'arn', 'storedBytes', 'lastEventTimestampIso'],
  console: {
    list: (params, scope, host) => logsConsolePage(host, scope.region, params.group),
    item: (item, params, scope, host) => logsConsolePage(host, scope.region, params.group, item.name),
  },
  paginate: paginated(logsClient, () => load().paginateDescribeLogStreams, (params) => ({
    logGroupName: params.group, orderBy: 'LastEventTime' as const, descending: true,
  })),
  itemsOf: (output, params) => (output.logStreams ?? []).flatMap((stream) => (stream.logStreamName === undefined ? [] : [streamItem(params.group, stream)])),
};

function streamItem(group: string, stream: LogStream): ResourceItem {
  const name = stream.logStreamName!;
  const record = plain(stream) as Record<string, Value>;
  record.lastEventTimestampIso = isoOf(stream.lastEventTimestamp);
  return {
    id: stream.arn ?? `logs:stream/${group}:${name}`,
    name,
    description: stream.storedBytes ? formatBytes(stream.storedBytes) : undefined,
    time: isoOf(stream.lastEventTimestamp ?? stream.creationTime) ?? undefined,
    itemKind: 'logStream',
    ids: arnIds(stream.arn),
    children: { kind: 'logs.events', params: { group, stream: name } },
    record,
  };
}
