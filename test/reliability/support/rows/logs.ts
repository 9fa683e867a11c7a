import { numberedNames } from '../../../support/emulator';
import { type KindRow } from '../kinds';

const GROUP_PREFIX = '/reliability/group-';
const GROUPS = numberedNames('/reliability/group', 60, 2);
/** 120 streams, each with one event at its own instant, so their order (newest event first) is one. */
const STREAMS_GROUP = '/reliability/streams';
const STREAMS = numberedNames('stream', 120);
const EVENTS_GROUP = '/reliability/events';
const EVENTS_STREAM = 'events';
const STREAM_MESSAGES = numberedNames('event', 1200);
/** A search across three streams; events come in runs of 5 per millisecond, so an instant's events span pages. */
const SEARCH_GROUP = '/reliability/search';
let searchIds: string[] = [];

export const logsRows: readonly KindRow[] = [
  {
    kind: 'logs.groups',
    address: `logs:groups?prefix=${GROUP_PREFIX}`,
    pageSize: 5,
    operations: ['DescribeLogGroups'],
    seed({ emulator }) {
      GROUPS.forEach((group) => emulator.logs.createLogGroup(group));
    },
    expected: () => GROUPS,
    idOf: (record) => String(record.logGroupName),
    missing: { what: 'DescribeLogGroups denied (AccessDeniedException)', expect: 'accessDenied' },
  },
  {
    kind: 'logs.streams',
    address: `logs:streams/${STREAMS_GROUP}`,
    pageSize: 10,
    operations: ['DescribeLogStreams'],
    seed({ emulator }) {
      const now = emulator.logs.now();
      emulator.logs.createLogGroup(STREAMS_GROUP);
      STREAMS.forEach((stream, i) => {
        emulator.logs.createLogStream(STREAMS_GROUP, stream);
        emulator.logs.putEvents(STREAMS_GROUP, stream, [{ timestamp: now - 3_600_000 + i * 1000, message: `last event of ${stream}` }]);
      });
    },
    expected: () => STREAMS,
    idOf: (record) => String(record.logStreamName),
    missing: { what: 'the streams of a log group that does not exist', address: 'logs:streams//reliability/no-such-group', expect: 'notFound' },
  },
  {
    kind: 'logs.events',
    address: `logs:stream/${EVENTS_GROUP}:${EVENTS_STREAM}`,
    pageSize: 100,
    operations: ['GetLogEvents'],
    seed({ emulator }) {
      const now = emulator.logs.now();
      emulator.logs.createLogGroup(EVENTS_GROUP);
      emulator.logs.createLogStream(EVENTS_GROUP, EVENTS_STREAM);
      emulator.logs.putEvents(EVENTS_GROUP, EVENTS_STREAM, STREAM_MESSAGES.map((message, i) => ({ timestamp: now - 3_600_000 + i * 10, message })));
    },
    expected: () => STREAM_MESSAGES,
    // GetLogEvents gives events no id: each message is one.
    idOf: (record) => String(record.message),
    missing: { what: 'the events of a stream that does not exist', address: `logs:stream/${EVENTS_GROUP}:no-such-stream`, expect: 'notFound' },
  },
  {
    kind: 'logs.search',
    address: `logs:group/${SEARCH_GROUP}`,
    pageSize: 250,
    operations: ['FilterLogEvents'],
    seed({ emulator }) {
      const now = emulator.logs.now();
      emulator.logs.createLogGroup(SEARCH_GROUP);
      searchIds = ['a', 'b', 'c'].flatMap((stream, s) => {
        emulator.logs.createLogStream(SEARCH_GROUP, stream);
        return emulator.logs.putEvents(SEARCH_GROUP, stream, Array.from({ length: s === 0 ? 1500 : 750 }, (_, i) => ({
          timestamp: now - 6 * 3_600_000 + Math.floor(i / 5) * 100, message: `event ${stream}-${i}`,
        }))).map((event) => event.eventId);
      });
    },
    expected: () => searchIds,
    idOf: (record) => String(record.eventId),
    missing: { what: 'a search of a log group that does not exist', address: 'logs:group//reliability/no-such-group', expect: 'notFound' },
  },
];
