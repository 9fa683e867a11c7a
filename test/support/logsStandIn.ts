import type * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import { startServiceRouter, type RouteHandler } from './serviceRouter';

/**
 * A CloudWatch Logs stand-in: no emulator for it exists on npm, so this serves the few read operations the explorer
 * uses from an in-memory {@link LogsStore}, in the real wire protocol (AWS JSON 1.1: `POST /`,
 * `X-Amz-Target: Logs_20140328.<Operation>`, `Content-Type: application/x-amz-json-1.1`), so the real
 * `@aws-sdk/client-cloudwatch-logs` client and its paginators talk to it unchanged.
 *
 * Served: DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents and DescribeMetricFilters, each with
 * the paging rules of the API reference (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/),
 * cited beside the code. Anything else is refused: another operation with `UnknownOperationException`, a request
 * parameter the stand-in does not implement (say `logGroupNamePattern`) with `InvalidParameterException` naming it,
 * rather than an answer that silently ignores it.
 */

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const TARGET_PREFIX = 'Logs_20140328.';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long after its timestamp an event counts as ingested: `ingestionTime = timestamp + INGESTION_DELAY_MS`. */
export const INGESTION_DELAY_MS = 150;
/**
 * The size an event counts for: its message in UTF-8 plus 26 bytes, the measure PutLogEvents uses for a batch
 * ("the sum of all event messages in UTF-8, plus 26 bytes for each log event",
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html).
 */
export const EVENT_OVERHEAD_BYTES = 26;
/**
 * A page of GetLogEvents or FilterLogEvents holds "up to 1 MB of log events or up to 10,000 log events"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html), sizes counted as above.
 */
const PAGE_BYTES = 1024 * 1024;
/** An event id is 56 digits, like the real ones: the timestamp (20 digits) then the store's insertion sequence (36). */
const SEQUENCE_SPACE = 10n ** 36n;
const ID_DIGITS = 56;
const INVALID_TOKEN = 'The specified nextToken is invalid.';

export interface StoredLogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  /** 56 digits, unique in the store; orders the events of a stream (timestamp, then insertion). */
  readonly eventId: string;
  readonly key: bigint;
}

export interface LogStreamRecord {
  readonly name: string;
  readonly creationTime: number;
  /** Ordered by timestamp, then insertion (= by `key`). */
  readonly events: StoredLogEvent[];
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  /** Counted here; DescribeLogStreams reports 0, as the reference documents (see there). */
  storedBytes: number;
  uploadSequenceToken?: string;
}

export interface LogGroupRecord {
  readonly name: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly metricFilters: number;
  /** API_LogGroup: "Displays all the properties that this log group has inherited from account-level settings" (ACCOUNT_DATA_PROTECTION). */
  readonly inheritedProperties?: readonly string[];
  /** API_LogGroup: "Displays whether this log group has a protection policy, or whether it had one in the past" (ACTIVATED, DELETED, ARCHIVED, DISABLED). */
  readonly dataProtectionStatus?: string;
  storedBytes: number;
  readonly streams: Map<string, LogStreamRecord>;
}

/** In-memory log groups, streams and events, a clock for token age, and the requests received. */
export class LogsStore {
  /** How many events one FilterLogEvents request examines at most (after time range and stream filters, before the pattern). */
  scanBudget = 1000;
  /**
   * Every so many empty FilterLogEvents pages (0: never), the page hands back the very token it was sent, though the
   * service went on: sending it again continues after what that page examined. Users of boto3 and the AWS CLI report
   * exactly this (boto3 #1584, aws-cli #3191: an empty page "with the same nextToken", and re-sending it worked); the
   * reference says nothing of it. A client that calls a repeated token a loop stops such a search.
   */
  repeatTokenEvery = 0;
  /** Where a token handed back as it was sent goes on from, by that token. */
  readonly handedBack = new Map<string, unknown>();
  /** Empty FilterLogEvents pages answered so far (see `repeatTokenEvery`). */
  emptyPagesSeen = 0;
  /** Every request received, in order, with its operation (`FilterLogEvents`) and parsed JSON input. */
  readonly requests: Array<{ operation: string; input: Record<string, unknown> }> = [];
  private readonly groups = new Map<string, LogGroupRecord>();
  private readonly clock: () => number;
  private advanced = 0;
  private sequence = 0;
  private puts = 0;

  constructor(options: { now?: () => number } = {}) {
    this.clock = options.now ?? Date.now;
  }

  /** The store's time: the clock given (default `Date.now`) plus everything {@link advanceClock} added. */
  now(): number {
    return this.clock() + this.advanced;
  }

  /** Moves the store's time on, to age the tokens it has handed out. */
  advanceClock(ms: number): void {
    this.advanced += ms;
  }

  /** The inputs of the requests received for one operation. */
  requestsOf(operation: string): Array<Record<string, unknown>> {
    return this.requests.filter((request) => request.operation === operation).map((request) => request.input);
  }

  createLogGroup(name: string, options: {
    retentionInDays?: number; kmsKeyId?: string; creationTime?: number; metricFilters?: number; inheritedProperties?: readonly string[]; dataProtectionStatus?: string;
  } = {}): LogGroupRecord {
    if (this.groups.has(name)) {
      throw new Error(`Log group ${name} already exists`);
    }
    const group: LogGroupRecord = {
      name, creationTime: options.creationTime ?? this.now(), retentionInDays: options.retentionInDays, kmsKeyId: options.kmsKeyId,
      metricFilters: options.metricFilters ?? 0, inheritedProperties: options.inheritedProperties, dataProtectionStatus: options.dataProtectionStatus,
      storedBytes: 0, streams: new Map(),
    };
    this.groups.set(name, group);
    return group;
  }

  createLogStream(group: string, stream: string, options: { creationTime?: number } = {}): LogStreamRecord {
    const owner = this.requireGroup(group);
    if (owner.streams.has(stream)) {
      throw new Error(`Log stream ${stream} already exists in ${group}`);
    }
    const record: LogStreamRecord = { name: stream, creationTime: options.creationTime ?? this.now(), events: [], storedBytes: 0 };
    owner.streams.set(stream, record);
    return record;
  }

  /**
   * Adds events to a stream (in any order: the stream keeps them by timestamp, then insertion), giving each an
   * `eventId` and `ingestionTime`, and updates the stream's first/last event timestamps, last ingestion time, upload
   * sequence token and stored bytes, and the group's stored bytes. Returns the stored events.
   */
  putEvents(group: string, stream: string, events: ReadonlyArray<{ timestamp: number; message: string }>): StoredLogEvent[] {
    const owner = this.requireGroup(group);
    const record = owner.streams.get(stream);
    if (!record) {
      throw new Error(`No log stream ${stream} in ${group}`);
    }
    const stored: StoredLogEvent[] = [];
    for (const { timestamp, message } of events) {
      if (!Number.isSafeInteger(timestamp) || timestamp < 0 || typeof message !== 'string') {
        throw new Error(`Bad event ${JSON.stringify({ timestamp, message })}`);
      }
      this.sequence += 1;
      const key = BigInt(timestamp) * SEQUENCE_SPACE + BigInt(this.sequence);
      const event: StoredLogEvent = { timestamp, message, ingestionTime: timestamp + INGESTION_DELAY_MS, eventId: digits(key), key };
      const at = record.events.length === 0 || record.events[record.events.length - 1].key < key
        ? record.events.length
        : firstIndex(record.events, (e) => e.key > key);
      record.events.splice(at, 0, event);
      const bytes = eventBytes(message);
      record.storedBytes += bytes;
      owner.storedBytes += bytes;
      record.firstEventTimestamp = Math.min(record.firstEventTimestamp ?? timestamp, timestamp);
      record.lastEventTimestamp = Math.max(record.lastEventTimestamp ?? timestamp, timestamp);
      record.lastIngestionTime = Math.max(record.lastIngestionTime ?? event.ingestionTime, event.ingestionTime);
      stored.push(event);
    }
    this.puts += 1;
    record.uploadSequenceToken = String(this.puts).padStart(ID_DIGITS, '0');
    return stored;
  }

  logGroup(name: string): LogGroupRecord | undefined {
    return this.groups.get(name);
  }

  logStream(group: string, stream: string): LogStreamRecord | undefined {
    return this.groups.get(group)?.streams.get(stream);
  }

  /** All groups, ASCII-sorted by name. */
  logGroups(): LogGroupRecord[] {
    return [...this.groups.values()].sort((a, b) => byteCompare(a.name, b.name));
  }

  private requireGroup(name: string): LogGroupRecord {
    const group = this.groups.get(name);
    if (!group) {
      throw new Error(`No log group ${name}`);
    }
    return group;
  }
}

/** Serves the CloudWatch Logs operations above from `store` (route it by the `Logs_20140328.` target prefix). */
export function logsHandler(store: LogsStore): RouteHandler {
  return async (req, body, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('not an object');
      }
      input = parsed as Record<string, unknown>;
    } catch {
      store.requests.push({ operation, input: {} });
      return sendError(res, 'SerializationException', 'The request body is not a JSON object.');
    }
    store.requests.push({ operation, input });
    const handler = Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
    if (!handler) {
      return sendError(res, 'UnknownOperationException', `The stand-in does not serve the operation ${operation || '(none)'}.`);
    }
    try {
      rejectUnsupported(operation, input);
      sendJson(res, 200, handler(store, input));
    } catch (error) {
      if (error instanceof LogsError) {
        return sendError(res, error.code, error.message);
      }
      throw error;
    }
  };
}

/** A server on 127.0.0.1 with only this handler behind it (anything else goes to a closed port). */
export async function startLogsStandIn(store: LogsStore = new LogsStore()): Promise<{ endpoint: string; store: LogsStore; stop(): Promise<void> }> {
  const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [[TARGET_PREFIX, logsHandler(store)]] });
  return { endpoint: router.endpoint, store, stop: () => router.stop() };
}

type Operation = (store: LogsStore, input: Record<string, unknown>) => Record<string, unknown>;

const operations: Record<string, Operation> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
  DescribeMetricFilters: describeMetricFilters,
};

/**
 * The request members each operation implements. Another member present (not null, not false) is refused with
 * InvalidParameterException: a stand-in that ignored `logGroupNamePattern` would answer a different question.
 * `interleaved` is accepted because the reference says it "is ignored and the value is assumed to be true"; `unmask`
 * because nothing here is masked.
 */
const supported: Record<string, readonly string[]> = {
  DescribeLogGroups: ['logGroupNamePrefix', 'nextToken', 'limit'],
  DescribeLogStreams: ['logGroupName', 'logGroupIdentifier', 'logStreamNamePrefix', 'orderBy', 'descending', 'nextToken', 'limit'],
  GetLogEvents: ['logGroupName', 'logGroupIdentifier', 'logStreamName', 'startTime', 'endTime', 'nextToken', 'limit', 'startFromHead', 'unmask'],
  FilterLogEvents: ['logGroupName', 'logGroupIdentifier', 'logStreamNames', 'logStreamNamePrefix', 'startTime', 'endTime', 'filterPattern',
    'nextToken', 'limit', 'startFromHead', 'interleaved', 'unmask'],
  DescribeMetricFilters: ['logGroupName', 'filterNamePrefix', 'nextToken', 'limit'],
};

function rejectUnsupported(operation: string, input: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(input)) {
    if (value !== null && value !== undefined && value !== false && !supported[operation].includes(name)) {
      throw invalid(`The stand-in does not support the ${operation} parameter ${name}.`);
    }
  }
}

/**
 * DescribeLogGroups (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html):
 * - "The results are ASCII-sorted by log group name": byte order of the UTF-8 names;
 * - `limit`: "If you don't specify a value, the default is up to 50 items" (valid range 1 to 50);
 * - `logGroupNamePrefix`: "The prefix to match";
 * - `nextToken` in the response only while groups remain ("The token for the next set of items to return. The token
 *   expires after 24 hours.").
 */
function describeLogGroups(store: LogsStore, input: Record<string, unknown>): Record<string, unknown> {
  const limit = intParam(input, 'limit', 1, 50) ?? 50;
  const prefix = stringParam(input, 'logGroupNamePrefix') ?? '';
  const query = JSON.stringify([prefix]);
  const after = input.nextToken === undefined ? undefined : namePosition(readToken(store, input.nextToken, 'DescribeLogGroups', '', query));
  const matching = store.logGroups().filter((group) => group.name.startsWith(prefix));
  const start = after === undefined ? 0 : firstIndex(matching, (group) => byteCompare(group.name, after) > 0);
  const page = matching.slice(start, start + limit);
  const more = start + page.length < matching.length;
  return {
    logGroups: page.map(groupShape),
    ...(more ? { nextToken: writeToken(store, 'DescribeLogGroups', '', query, page[page.length - 1].name) } : {}),
  };
}

/**
 * A LogGroup as the reference describes it
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html): `arn` "includes a
 * trailing `:*` after the log group name", `logGroupArn` "doesn't include a trailing `:*`"; `retentionInDays` absent
 * when events never expire ("To set a log group so that its log events do not expire, use DeleteRetentionPolicy").
 */
function groupShape(group: LogGroupRecord): Record<string, unknown> {
  const arn = groupArn(group.name);
  return {
    logGroupName: group.name,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined ? { retentionInDays: group.retentionInDays } : {}),
    metricFilterCount: group.metricFilters,
    arn: `${arn}:*`,
    storedBytes: group.storedBytes,
    ...(group.kmsKeyId !== undefined ? { kmsKeyId: group.kmsKeyId } : {}),
    ...(group.dataProtectionStatus !== undefined ? { dataProtectionStatus: group.dataProtectionStatus } : {}),
    ...(group.inheritedProperties !== undefined ? { inheritedProperties: [...group.inheritedProperties] } : {}),
    logGroupClass: 'STANDARD',
    logGroupArn: arn,
  };
}

/**
 * DescribeLogStreams (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html):
 * - `logGroupName` or `logGroupIdentifier`: "You must include either logGroupIdentifier or logGroupName, but not both";
 * - `orderBy`: "If the value is LogStreamName, the results are ordered by log stream name. If the value is
 *   LastEventTime, the results are ordered by the event time. The default value is LogStreamName";
 * - `descending`: "If the value is true, results are returned in descending order [...] The default value is false";
 * - `logStreamNamePrefix`: "If orderBy is LastEventTime, you cannot specify this parameter";
 * - `limit`: "the default is up to 50 items" (valid range 1 to 50).
 * A stream with no events orders by LastEventTime as if its last event were at 0 (the reference does not say);
 * ties are broken by name. The token holds the sort key of the last stream returned, so a page resumes after it.
 */
function describeLogStreams(store: LogsStore, input: Record<string, unknown>): Record<string, unknown> {
  const group = resolveGroup(store, input);
  const orderBy = stringParam(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw invalid(`1 validation error detected: Value '${orderBy}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  }
  const descending = boolParam(input, 'descending') ?? false;
  const prefix = stringParam(input, 'logStreamNamePrefix');
  if (prefix !== undefined && orderBy === 'LastEventTime') {
    throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const limit = intParam(input, 'limit', 1, 50) ?? 50;
  type SortKey = [number, string];
  const keyOf = (stream: LogStreamRecord): SortKey => [orderBy === 'LastEventTime' ? stream.lastEventTimestamp ?? 0 : 0, stream.name];
  const compare = (a: SortKey, b: SortKey) => (descending ? -1 : 1) * (a[0] - b[0] || byteCompare(a[1], b[1]));
  const query = JSON.stringify([orderBy, descending, prefix ?? null]);
  const after = input.nextToken === undefined ? undefined : readToken(store, input.nextToken, 'DescribeLogStreams', group.name, query);
  if (after !== undefined && !(Array.isArray(after.pos) && typeof after.pos[0] === 'number' && typeof after.pos[1] === 'string')) {
    throw invalid(INVALID_TOKEN);
  }
  const streams = [...group.streams.values()].filter((stream) => stream.name.startsWith(prefix ?? '')).sort((a, b) => compare(keyOf(a), keyOf(b)));
  const start = after === undefined ? 0 : firstIndex(streams, (stream) => compare(keyOf(stream), after.pos as SortKey) > 0);
  const page = streams.slice(start, start + limit);
  const more = start + page.length < streams.length;
  return {
    logStreams: page.map((stream) => streamShape(group, stream)),
    ...(more ? { nextToken: writeToken(store, 'DescribeLogStreams', group.name, query, keyOf(page[page.length - 1])) } : {}),
  };
}

/**
 * A LogStream (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html). Its
 * `storedBytes` is 0: "As of June 17, 2019, this parameter is no longer supported for log streams, and is always
 * reported as zero" (the store still counts the stream's bytes, see {@link LogStreamRecord.storedBytes}). The event
 * times and the sequence token are absent until the stream has events, as for a new stream.
 */
function streamShape(group: LogGroupRecord, stream: LogStreamRecord): Record<string, unknown> {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined ? { firstEventTimestamp: stream.firstEventTimestamp } : {}),
    ...(stream.lastEventTimestamp !== undefined ? { lastEventTimestamp: stream.lastEventTimestamp } : {}),
    ...(stream.lastIngestionTime !== undefined ? { lastIngestionTime: stream.lastIngestionTime } : {}),
    ...(stream.uploadSequenceToken !== undefined ? { uploadSequenceToken: stream.uploadSequenceToken } : {}),
    arn: `${groupArn(group.name)}:log-stream:${stream.name}`,
    storedBytes: 0,
  };
}

/**
 * GetLogEvents (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html):
 * - `startTime`: "Events with a timestamp equal to this time or later than this time are included. Events with a
 *   timestamp earlier than this time are not included"; `endTime`: "Events with a timestamp equal to or later than
 *   this time are not included" — so `startTime <= timestamp < endTime`;
 * - `startFromHead`: "If the value is true, the earliest log events are returned first. If the value is false, the
 *   latest log events are returned first. The default value is false." Without a token, true gives the first
 *   `limit` events, false the last `limit` (a page is always in ascending order);
 * - `limit`: "the default is as many log events as can fit in a response size of 1 MB (up to 10,000 log events)";
 * - the response always has both tokens ("The returned tokens are never null"); "If you have reached the end of the
 *   stream, it returns the same token you passed in", and "As long as the nextBackwardToken or nextForwardToken
 *   returned is NOT equal to the nextToken that you passed into the API call, there might be more log events";
 * - "If you are using a previous nextForwardToken value as the nextToken in this operation, you must specify true
 *   for startFromHead": the stand-in refuses a forward token without `startFromHead: true` (InvalidParameterException)
 *   where the real service, by users' reports, returns incomplete results; a backward token is accepted either way.
 *
 * Tokens are `f/` or `b/`, 56 digits and when they were issued (`/` and base-36 milliseconds of the store's clock,
 * where the service's end in `/s`), a position between events (events are keyed like their ids: timestamp, then
 * insertion). `f/P` reads the events at or after P forwards, `b/P` those before P backwards. A page's
 * `nextForwardToken` is just after its last event, its `nextBackwardToken` at its first. They expire after 24 hours
 * ("nextForwardToken … The token expires after 24 hours", Response Elements), then InvalidParameterException.
 */
function getLogEvents(store: LogsStore, input: Record<string, unknown>): Record<string, unknown> {
  const group = resolveGroup(store, input);
  const streamName = stringParam(input, 'logStreamName');
  if (streamName === undefined) {
    throw invalid('1 validation error detected: Value null at \'logStreamName\' failed to satisfy constraint: Member must not be null');
  }
  const stream = group.streams.get(streamName);
  if (!stream) {
    throw new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
  }
  const startTime = intParam(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = intParam(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(input, 'limit', 1, 10000) ?? 10000;
  const startFromHead = boolParam(input, 'startFromHead') ?? false;
  const events = stream.events;
  const windowStart = startTime === undefined ? 0 : firstIndex(events, (e) => e.timestamp >= startTime);
  const windowEnd = endTime === undefined ? events.length : firstIndex(events, (e) => e.timestamp >= endTime);

  let direction: 'f' | 'b';
  let position: bigint;
  const sent = input.nextToken;
  if (sent !== undefined) {
    const match = typeof sent === 'string' ? /^([fb])\/(\d{56})\/([0-9a-z]+)$/.exec(sent) : null;
    if (!match || store.now() - parseInt(match[3], 36) > DAY_MS) {
      throw invalid(INVALID_TOKEN);
    }
    direction = match[1] as 'f' | 'b';
    position = BigInt(match[2]);
    if (direction === 'f' && !startFromHead) {
      throw invalid('A nextForwardToken must be sent with startFromHead set to true.');
    }
  } else {
    direction = startFromHead ? 'f' : 'b';
    position = startFromHead ? 0n : events.length === 0 ? 0n : events[events.length - 1].key + 1n;
  }

  let page: StoredLogEvent[];
  if (direction === 'f') {
    const from = Math.max(windowStart, firstIndex(events, (e) => e.key >= position));
    page = fitPage(events.slice(from, Math.min(windowEnd, from + limit)), 'head');
  } else {
    const to = Math.min(windowEnd, firstIndex(events, (e) => e.key >= position));
    page = fitPage(events.slice(Math.max(windowStart, to - limit), Math.max(windowStart, to)), 'tail');
  }
  const out = page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime }));
  if (page.length === 0) {
    // Nothing further this way: the token sent comes back (the end condition), the other one points at the same place.
    return {
      events: out,
      nextForwardToken: direction === 'f' && typeof sent === 'string' ? sent : streamToken(store, 'f', position),
      nextBackwardToken: direction === 'b' && typeof sent === 'string' ? sent : streamToken(store, 'b', position),
    };
  }
  return { events: out, nextForwardToken: streamToken(store, 'f', page[page.length - 1].key + 1n), nextBackwardToken: streamToken(store, 'b', page[0].key) };
}

/** A GetLogEvents token: its direction, its position, when it was issued. */
function streamToken(store: LogsStore, direction: 'f' | 'b', position: bigint): string {
  return `${direction}/${digits(position)}/${store.now().toString(36)}`;
}

/**
 * FilterLogEvents (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html):
 * - `logGroupName` or `logGroupIdentifier`, "You must include one of these two parameters, but you can't include both";
 * - `logStreamNames` ("Filters the results to only logs from the log streams in this list", 1 to 100 names; a name
 *   with no stream contributes nothing) or `logStreamNamePrefix`: "If you specify a value for both
 *   logStreamNamePrefix and logStreamNames, the action returns an InvalidParameterException error";
 * - `startTime`: "Events with a timestamp before this time are not returned"; `endTime`: "Events with a timestamp
 *   later than this time are not returned" — so `startTime <= timestamp <= endTime` (unlike GetLogEvents, whose
 *   endTime is exclusive);
 * - `filterPattern`: "If not provided, all the events are matched"; the subset implemented is in {@link parsePattern};
 * - `limit`: "The maximum number of events to return. The default is 10,000 events"; "Each page returned can contain
 *   up to 1 MB of log events or up to 10,000 log events. A returned page might only be partially full, or even
 *   empty", and "If the results include a nextToken, there might be more log events available [...] If the results
 *   don't include a nextToken, then pagination is finished": each request examines at most `store.scanBudget`
 *   events and answers the matches among them, with a token while anything is left to examine;
 * - order: "The returned log events are sorted by event timestamp, the timestamp when the event was ingested by
 *   CloudWatch Logs, and the ID of the PutLogEvents request". Here ingestion time is timestamp + a constant, and the
 *   last key is replaced by a deterministic one: stream name, then position in the stream;
 * - `startFromHead`: "By default, the events are returned in ascending timestamp order (oldest first). To return
 *   events in descending timestamp order (newest first), set the startFromHead parameter to false"; "If you provide
 *   both nextToken and startFromHead, the direction of the nextToken is used"; "Setting startFromHead to false is
 *   supported only when startTime is on or after Jan 1, 2024 00:00:00 UTC. A request with startFromHead set to false
 *   and a startTime before this date returns an InvalidParameterException";
 * - `nextToken`: "The token expires after 24 hours": refused once older than that by the store's clock, like a token
 *   that is malformed or was issued for another group or query, with "The specified nextToken is invalid.".
 * `searchedLogStreams` is omitted ("As of May 15, 2020, this parameter is no longer supported").
 */
function filterLogEvents(store: LogsStore, input: Record<string, unknown>): Record<string, unknown> {
  const group = resolveGroup(store, input);
  const names = input.logStreamNames;
  const prefix = stringParam(input, 'logStreamNamePrefix');
  if (names !== undefined && names !== null && prefix !== undefined) {
    throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  if (names !== undefined && names !== null
    && (!Array.isArray(names) || names.length < 1 || names.length > 100 || !names.every((name) => typeof name === 'string'))) {
    throw invalid('1 validation error detected: Value at \'logStreamNames\' failed to satisfy constraint: Member must have length between 1 and 100');
  }
  const streamNames = names === undefined || names === null ? undefined : [...new Set(names as string[])].sort(byteCompare);
  const startTime = intParam(input, 'startTime', 0, Number.MAX_SAFE_INTEGER);
  const endTime = intParam(input, 'endTime', 0, Number.MAX_SAFE_INTEGER);
  const pattern = stringParam(input, 'filterPattern') ?? '';
  const matches = parsePattern(pattern);
  const limit = intParam(input, 'limit', 1, 10000) ?? 10000;
  const startFromHead = boolParam(input, 'startFromHead') ?? true;
  if (!startFromHead && startTime !== undefined && startTime < Date.UTC(2024, 0, 1)) {
    throw invalid('startFromHead set to false is supported only with a startTime on or after Jan 1, 2024 00:00:00 UTC.');
  }
  const query = JSON.stringify([streamNames ?? null, prefix ?? null, startTime ?? null, endTime ?? null, pattern]);
  let head = startFromHead;
  let after: Position | undefined;
  if (input.nextToken !== undefined) {
    const token = readToken(store, input.nextToken, 'FilterLogEvents', group.name, query);
    const pos = token.pos as { at?: unknown; head?: unknown } | null;
    if (pos === null || typeof pos !== 'object' || typeof pos.head !== 'boolean' || !isPosition(pos.at)) {
      throw invalid(INVALID_TOKEN);
    }
    head = pos.head;
    after = pos.at;
    // A token handed back as it was sent: the service had gone on meanwhile.
    const went = store.handedBack.get(input.nextToken as string);
    if (isPosition(went)) {
      after = went;
    }
  }

  type Candidate = { stream: string; event: StoredLogEvent };
  const candidates: Candidate[] = [];
  for (const stream of group.streams.values()) {
    if ((streamNames && !streamNames.includes(stream.name)) || (prefix !== undefined && !stream.name.startsWith(prefix))) {
      continue;
    }
    const from = startTime === undefined ? 0 : firstIndex(stream.events, (e) => e.timestamp >= startTime);
    const to = endTime === undefined ? stream.events.length : firstIndex(stream.events, (e) => e.timestamp > endTime);
    for (let i = from; i < to; i++) {
      candidates.push({ stream: stream.name, event: stream.events[i] });
    }
  }
  const positionOf = (c: Candidate): Position => [c.event.timestamp, c.stream, c.event.eventId];
  const ordered = (a: Position, b: Position) => (head ? 1 : -1) * comparePositions(a, b);
  candidates.sort((a, b) => ordered(positionOf(a), positionOf(b)));

  let index = after === undefined ? 0 : firstIndex(candidates, (c) => ordered(positionOf(c), after) > 0);
  const page: Candidate[] = [];
  let bytes = 0;
  let examined = 0;
  // At least one event per request, so a scan budget below 1 cannot stall the paging.
  const budget = Math.max(1, store.scanBudget);
  while (index < candidates.length && examined < budget && page.length < limit) {
    const candidate = candidates[index];
    if (matches(candidate.event.message)) {
      const size = eventBytes(candidate.event.message);
      if (page.length > 0 && bytes + size > PAGE_BYTES) {
        break;
      }
      bytes += size;
      page.push(candidate);
    }
    examined += 1;
    index += 1;
  }
  const more = index < candidates.length;
  const at = index > 0 ? positionOf(candidates[index - 1]) : after;
  let nextToken = more ? writeToken(store, 'FilterLogEvents', group.name, query, { head, at }) : undefined;
  if (more && page.length === 0 && typeof input.nextToken === 'string' && store.repeatTokenEvery > 0 && ++store.emptyPagesSeen % store.repeatTokenEvery === 0) {
    store.handedBack.set(input.nextToken, at);
    nextToken = input.nextToken;
  }
  return {
    events: page.map(({ stream, event }) => ({
      logStreamName: stream, timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime, eventId: event.eventId,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}

/**
 * The filter pattern subset the stand-in implements, after "Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html),
 * its part on matching terms in unstructured log events, and the FilterLogEvents reference ("If not provided, all the
 * events are matched"): an empty pattern matches every event; space-separated terms must all appear in the message,
 * case-sensitively (a substring test); a term in double quotes must appear exactly, spaces and punctuation included.
 * The stand-in's own reading, not the service's matcher: the other forms — JSON (`{ $.x = 1 }`),
 * space-delimited (`[ip, user, ...]`), regular expressions (`%...%`), OR terms (`?ERROR ?WARN`) and exclusions
 * (`-DEBUG`) — are refused with InvalidParameterException rather than matched wrongly.
 */
export function parsePattern(pattern: string): (message: string) => boolean {
  const unsupported = (what: string) => invalid(`The stand-in does not support ${what} in filterPattern: ${pattern}`);
  const text = pattern.trim();
  if (text.startsWith('{')) {
    throw unsupported('JSON patterns');
  }
  if (text.startsWith('[')) {
    throw unsupported('space-delimited patterns');
  }
  if (text.startsWith('%')) {
    throw unsupported('regular expressions');
  }
  const terms: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i += 1;
    } else if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        throw invalid(`Invalid filter pattern: unterminated quoted term in ${pattern}`);
      }
      terms.push(text.slice(i + 1, close));
      i = close + 1;
    } else {
      let end = i;
      while (end < text.length && !/\s/.test(text[end])) {
        end += 1;
      }
      const term = text.slice(i, end);
      if (term.startsWith('?')) {
        throw unsupported('OR terms (?term)');
      }
      if (term.startsWith('-')) {
        throw unsupported('excluded terms (-term)');
      }
      if (/["{}[\]%]/.test(term)) {
        throw unsupported(`the term ${term}`);
      }
      terms.push(term);
      i = end;
    }
  }
  return (message) => terms.every((term) => message.includes(term));
}

/**
 * DescribeMetricFilters (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeMetricFilters.html),
 * only for one group (`logGroupName`, which the stand-in requires) and `filterNamePrefix`: the group's
 * `metricFilters` filters are named `filter-1`…`filter-N`, "ASCII-sorted by filter name" (so `filter-10` comes
 * before `filter-2`); `limit` "the default is up to 50 items" (1 to 50), `nextToken` while filters remain.
 */
function describeMetricFilters(store: LogsStore, input: Record<string, unknown>): Record<string, unknown> {
  const name = stringParam(input, 'logGroupName');
  if (name === undefined) {
    throw invalid('The stand-in requires logGroupName for DescribeMetricFilters.');
  }
  const group = store.logGroup(name);
  if (!group) {
    throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
  }
  const prefix = stringParam(input, 'filterNamePrefix') ?? '';
  const limit = intParam(input, 'limit', 1, 50) ?? 50;
  const query = JSON.stringify([prefix]);
  const after = input.nextToken === undefined ? undefined : namePosition(readToken(store, input.nextToken, 'DescribeMetricFilters', group.name, query));
  const filters = Array.from({ length: group.metricFilters }, (_, i) => `filter-${i + 1}`).filter((f) => f.startsWith(prefix)).sort(byteCompare);
  const start = after === undefined ? 0 : firstIndex(filters, (f) => byteCompare(f, after) > 0);
  const page = filters.slice(start, start + limit);
  const more = start + page.length < filters.length;
  return {
    metricFilters: page.map((filterName) => ({
      filterName, filterPattern: '', logGroupName: group.name, creationTime: group.creationTime,
      metricTransformations: [{ metricName: filterName, metricNamespace: 'StandIn', metricValue: '1' }],
    })),
    ...(more ? { nextToken: writeToken(store, 'DescribeMetricFilters', group.name, query, page[page.length - 1]) } : {}),
  };
}

// ---- tokens ----

/** Where a FilterLogEvents page stopped: the last event examined, as (timestamp, stream name, event id). */
type Position = [number, string, string];

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length === 3 && typeof value[0] === 'number' && typeof value[1] === 'string' && typeof value[2] === 'string';
}

function comparePositions(a: Position, b: Position): number {
  return a[0] - b[0] || byteCompare(a[1], b[1]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

interface TokenBody {
  op: string;
  group: string;
  query: string;
  pos: unknown;
  issued: number;
}

/**
 * An opaque token: base64url of JSON `{ op, group, query, pos, issued }` — the operation, the group, the request's
 * other parameters, where the next page starts, and the store's time when it was handed out.
 */
function writeToken(store: LogsStore, op: string, group: string, query: string, pos: unknown): string {
  const body: TokenBody = { op, group, query, pos, issued: store.now() };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/**
 * The token's body, or InvalidParameterException "The specified nextToken is invalid." when it is not one of ours,
 * was handed out for another operation, group or query, or is older than 24 hours by the store's clock ("The token
 * expires after 24 hours", in each operation's response syntax).
 */
function readToken(store: LogsStore, token: unknown, op: string, group: string, query: string): TokenBody {
  let body: Partial<TokenBody> | null;
  try {
    body = typeof token === 'string' && /^[A-Za-z0-9_-]+$/.test(token) ? JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody> : null;
  } catch {
    body = null;
  }
  if (body === null || typeof body !== 'object' || body.op !== op || body.group !== group || body.query !== query
    || typeof body.issued !== 'number' || body.pos === undefined || store.now() - body.issued > DAY_MS) {
    throw invalid(INVALID_TOKEN);
  }
  return body as TokenBody;
}

/** The name a listing token resumes after. */
function namePosition(token: TokenBody): string {
  if (typeof token.pos !== 'string') {
    throw invalid(INVALID_TOKEN);
  }
  return token.pos;
}

// ---- parameters ----

class LogsError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function invalid(message: string): LogsError {
  return new LogsError('InvalidParameterException', message);
}

/**
 * The group named by `logGroupName` or `logGroupIdentifier` (a name or an ARN, with or without `:*`): "You must
 * include either logGroupIdentifier or logGroupName, but not both"; a missing group is ResourceNotFoundException
 * "The specified log group does not exist.".
 */
function resolveGroup(store: LogsStore, input: Record<string, unknown>): LogGroupRecord {
  const name = stringParam(input, 'logGroupName');
  const identifier = stringParam(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  if (name === undefined && identifier === undefined) {
    throw invalid('Either logGroupName or logGroupIdentifier is required.');
  }
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier ?? '');
  const group = store.logGroup(name ?? arn?.[1] ?? identifier ?? '');
  if (!group) {
    throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
  }
  return group;
}

function stringParam(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalid(`1 validation error detected: Value at '${name}' must be a string`);
  }
  return value;
}

function boolParam(input: Record<string, unknown>, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw invalid(`1 validation error detected: Value at '${name}' must be a boolean`);
  }
  return value;
}

/** An integer in [min, max], or InvalidParameterException in the service's validation wording. */
function intParam(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(`1 validation error detected: Value '${String(value)}' at '${name}' must be an integer`);
  }
  if (value < min) {
    throw invalid(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  }
  if (value > max) {
    throw invalid(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  }
  return value;
}

// ---- helpers ----

function groupArn(name: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
}

function digits(value: bigint): string {
  return value.toString().padStart(ID_DIGITS, '0');
}

function eventBytes(message: string): number {
  return Buffer.byteLength(message, 'utf8') + EVENT_OVERHEAD_BYTES;
}

/** Keeps a page within 1 MB: from its start (`head`) or its end (`tail`); always at least one event. */
function fitPage(events: StoredLogEvent[], keep: 'head' | 'tail'): StoredLogEvent[] {
  let bytes = 0;
  const order = keep === 'head' ? events : [...events].reverse();
  let count = 0;
  for (const event of order) {
    bytes += eventBytes(event.message);
    if (count > 0 && bytes > PAGE_BYTES) {
      break;
    }
    count += 1;
  }
  return keep === 'head' ? events.slice(0, count) : events.slice(events.length - count);
}

/** Byte order of the UTF-8 encodings ("ASCII-sorted"). */
function byteCompare(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The first index whose element satisfies `test`, for a `test` false then true along the array (binary search). */
function firstIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(items[mid])) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID(), ...headers,
  });
  res.end(text);
}

/** An error as the JSON 1.1 protocol sends it: 400, `x-amzn-ErrorType`, and `__type` (which the SDK reads) in the body. */
function sendError(res: http.ServerResponse, code: string, message: string): void {
  sendJson(res, 400, { __type: code, message }, { 'x-amzn-errortype': code });
}
