// The CloudWatch Logs stand-in (test/support/logsStandIn.ts) through the real SDK client and its paginators: the
// paging behaviours a client relies on, as the API reference documents them.
import * as assert from 'node:assert/strict';
import {
  CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand,
  paginateDescribeLogGroups, paginateDescribeLogStreams, paginateDescribeMetricFilters, paginateFilterLogEvents, paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { EVENT_OVERHEAD_BYTES, INGESTION_DELAY_MS, LogsStore, startLogsStandIn } from '../support/logsStandIn';

const T0 = Date.UTC(2025, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
const INVALID_TOKEN = { name: 'InvalidParameterException', message: 'The specified nextToken is invalid.' };

async function pagesOf<T>(paginator: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of paginator) {
    pages.push(page);
  }
  return pages;
}

describe('CloudWatch Logs stand-in', function () {
  let store: LogsStore;
  let endpoint: string;
  let stop: () => Promise<void>;
  let client: CloudWatchLogsClient;

  beforeEach(async function () {
    store = new LogsStore({ now: () => T0 });
    ({ endpoint, stop } = await startLogsStandIn(store));
    client = new CloudWatchLogsClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });

  afterEach(async function () {
    client.destroy();
    await stop();
  });

  /** A stream of `count` events, two per millisecond-tick (equal timestamps keep their insertion order). */
  function seedStream(group: string, stream: string, count: number): void {
    if (!store.logGroup(group)) {
      store.createLogGroup(group);
    }
    store.createLogStream(group, stream);
    store.putEvents(group, stream, Array.from({ length: count }, (_, i) => ({ timestamp: T0 + Math.floor(i / 2), message: `event ${i}` })));
  }

  it('DescribeLogGroups: ASCII order, pages of `limit` under a prefix, no token on the last page', async function () {
    for (const name of ['/app/b', '/app/a', '/app/C', '/app/a-1', '/app/z', '/app/é', '/app/_x', '/other/x']) {
      store.createLogGroup(name, { creationTime: T0 - 1000 });
    }
    const pages = await pagesOf(paginateDescribeLogGroups({ client, pageSize: 3 }, { logGroupNamePrefix: '/app/' }));
    assert.deepEqual(pages.map((page) => page.logGroups?.map((group) => group.logGroupName)), [
      ['/app/C', '/app/_x', '/app/a'], ['/app/a-1', '/app/b', '/app/z'], ['/app/é'],
    ]);
    assert.deepEqual(pages.map((page) => typeof page.nextToken), ['string', 'string', 'undefined']);
    assert.deepEqual(store.requestsOf('DescribeLogGroups').map((input) => [input.limit, input.logGroupNamePrefix]), [[3, '/app/'], [3, '/app/'], [3, '/app/']]);

    const all = await client.send(new DescribeLogGroupsCommand({}));
    assert.equal(all.logGroups?.length, 8, 'default limit 50');
    assert.equal(all.nextToken, undefined);
    assert.deepEqual(all.logGroups?.find((group) => group.logGroupName === '/app/b'), {
      logGroupName: '/app/b', creationTime: T0 - 1000, metricFilterCount: 0, storedBytes: 0, logGroupClass: 'STANDARD',
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/b:*', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/b',
    }, 'never expires: no retentionInDays');

    store.createLogGroup('/kept', { retentionInDays: 30, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k', metricFilters: 2, creationTime: T0 });
    store.createLogStream('/kept', 's');
    store.putEvents('/kept', 's', [{ timestamp: T0, message: 'héllo' }, { timestamp: T0 + 1, message: 'x' }]);
    const [kept] = (await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/kept' }))).logGroups ?? [];
    assert.equal(kept.retentionInDays, 30);
    assert.equal(kept.kmsKeyId, 'arn:aws:kms:us-east-1:123456789012:key/k');
    assert.equal(kept.metricFilterCount, 2);
    assert.equal(kept.storedBytes, 6 + 1 + 2 * EVENT_OVERHEAD_BYTES, 'UTF-8 bytes plus 26 per event');

    await assert.rejects(client.send(new DescribeLogGroupsCommand({ limit: 51 })), { name: 'InvalidParameterException', message: /less than or equal to 50/ });
    await assert.rejects(client.send(new DescribeLogGroupsCommand({ limit: 0 })), { name: 'InvalidParameterException', message: /greater than or equal to 1/ });
    await assert.rejects(client.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'app' })), { name: 'InvalidParameterException', message: /stand-in does not support/ });
  });

  it('DescribeLogStreams: by LastEventTime descending, paged; by name by default; a prefix with LastEventTime is refused', async function () {
    store.createLogGroup('/streams');
    const lastTimes: Record<string, number | undefined> = { 's-1': 500, 's-2': 100, 's-3': 900, 's-4': 300, 's-5': undefined };
    for (const [name, last] of Object.entries(lastTimes)) {
      store.createLogStream('/streams', name, { creationTime: T0 - 5000 });
      if (last !== undefined) {
        store.putEvents('/streams', name, [{ timestamp: T0 + last, message: 'last' }, { timestamp: T0 + 1, message: 'first' }]);
      }
    }
    const pages = await pagesOf(paginateDescribeLogStreams({ client, pageSize: 2 }, { logGroupName: '/streams', orderBy: 'LastEventTime', descending: true }));
    assert.deepEqual(pages.map((page) => page.logStreams?.map((stream) => stream.logStreamName)), [['s-3', 's-1'], ['s-4', 's-2'], ['s-5']]);
    assert.equal(pages[2].nextToken, undefined);
    assert.deepEqual(store.requestsOf('DescribeLogStreams').map((input) => input.limit), [2, 2, 2]);

    const byName = await pagesOf(paginateDescribeLogStreams({ client, pageSize: 3 }, { logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/streams:*', logStreamNamePrefix: 's-' }));
    assert.deepEqual(byName.flatMap((page) => page.logStreams?.map((stream) => stream.logStreamName)), ['s-1', 's-2', 's-3', 's-4', 's-5']);
    const first = byName[0].logStreams?.[0];
    assert.equal(first?.creationTime, T0 - 5000);
    assert.equal(first?.firstEventTimestamp, T0 + 1);
    assert.equal(first?.lastEventTimestamp, T0 + 500);
    assert.equal(first?.lastIngestionTime, T0 + 500 + INGESTION_DELAY_MS);
    assert.equal(first?.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/streams:log-stream:s-1');
    assert.match(first?.uploadSequenceToken ?? '', /^\d{56}$/);
    assert.equal(first?.storedBytes, 0, 'no longer supported for streams: always zero');
    assert.ok((store.logStream('/streams', 's-1')?.storedBytes ?? 0) > 0, 'the store still counts it');

    const descendingNames = (await client.send(new DescribeLogStreamsCommand({ logGroupName: '/streams', descending: true }))).logStreams;
    assert.deepEqual(descendingNames?.map((stream) => stream.logStreamName), ['s-5', 's-4', 's-3', 's-2', 's-1']);

    await assert.rejects(client.send(new DescribeLogStreamsCommand({ logGroupName: '/streams', orderBy: 'LastEventTime', logStreamNamePrefix: 's-' })),
      { name: 'InvalidParameterException' });
    await assert.rejects(client.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' })),
      { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });

  it('GetLogEvents forward from the head over 2,500 events, limit 1000: every event once, in order, ending with the token it was sent', async function () {
    seedStream('/big', 'main', 2500);
    const pages = await pagesOf(paginateGetLogEvents({ client, pageSize: 1000, stopOnSameToken: true }, { logGroupName: '/big', logStreamName: 'main', startFromHead: true }));
    assert.deepEqual(pages.map((page) => page.events?.length), [1000, 1000, 500, 0]);
    const messages = pages.flatMap((page) => page.events?.map((event) => event.message) ?? []);
    assert.deepEqual(messages, Array.from({ length: 2500 }, (_, i) => `event ${i}`));
    assert.deepEqual(Object.keys(pages[0].events?.[0] ?? {}).sort(), ['ingestionTime', 'message', 'timestamp'], 'no eventId in GetLogEvents');
    assert.equal(pages[0].events?.[0].ingestionTime, T0 + INGESTION_DELAY_MS);
    for (const page of pages) {
      assert.match(page.nextForwardToken ?? '', /^f\/\d{56}\/[0-9a-z]+$/);
      assert.match(page.nextBackwardToken ?? '', /^b\/\d{56}\/[0-9a-z]+$/);
    }
    const sent = store.requestsOf('GetLogEvents').map((input) => input.nextToken);
    assert.equal(sent.length, 4);
    assert.equal(sent[0], undefined);
    assert.deepEqual(sent.slice(1), pages.slice(0, 3).map((page) => page.nextForwardToken));
    assert.equal(pages[3].nextForwardToken, sent[3], 'at the end it returns the same token it was sent');
  });

  it('GetLogEvents from the tail (the default), then backwards until the same token comes back; time range, bad tokens, missing stream', async function () {
    seedStream('/big', 'main', 2500);
    const newest = await client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', limit: 1000 }));
    assert.deepEqual(newest.events?.map((event) => event.message), Array.from({ length: 1000 }, (_, i) => `event ${1500 + i}`), 'the newest page, oldest first');
    let collected = newest.events?.map((event) => event.message ?? '') ?? [];
    let token = newest.nextBackwardToken;
    let calls = 1;
    for (;;) {
      const page = await client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', limit: 1000, nextToken: token }));
      calls += 1;
      collected = [...(page.events?.map((event) => event.message ?? '') ?? []), ...collected];
      if (page.nextBackwardToken === token) {
        assert.equal(page.events?.length, 0);
        break;
      }
      token = page.nextBackwardToken;
    }
    assert.equal(calls, 4);
    assert.deepEqual(collected, Array.from({ length: 2500 }, (_, i) => `event ${i}`));

    // startTime included, endTime excluded: timestamps T0+100 … T0+109, two events each.
    const ranged = await pagesOf(paginateGetLogEvents({ client, stopOnSameToken: true },
      { logGroupName: '/big', logStreamName: 'main', startFromHead: true, startTime: T0 + 100, endTime: T0 + 110 }));
    assert.deepEqual(ranged.flatMap((page) => page.events?.map((event) => event.message) ?? []), Array.from({ length: 20 }, (_, i) => `event ${200 + i}`));

    await assert.rejects(client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', nextToken: 'f/123' })), INVALID_TOKEN);
    await assert.rejects(client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', nextToken: newest.nextForwardToken })),
      { name: 'InvalidParameterException', message: /startFromHead/ }, 'a forward token needs startFromHead: true');
    await assert.rejects(client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'other' })),
      { name: 'ResourceNotFoundException', message: 'The specified log stream does not exist.' });
    await assert.rejects(client.send(new GetLogEventsCommand({ logGroupName: '/none', logStreamName: 'main' })),
      { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });

  it('GetLogEvents tokens expire after 24 hours ("The token expires after 24 hours"): at 24 h still good, after that refused', async function () {
    seedStream('/big', 'main', 300);
    const first = await client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', startFromHead: true, limit: 100 }));
    store.advanceClock(24 * 3_600_000);
    const second = await client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', startFromHead: true, limit: 100, nextToken: first.nextForwardToken }));
    assert.equal(second.events?.[0]?.message, 'event 100');
    store.advanceClock(1);
    await assert.rejects(client.send(new GetLogEventsCommand({ logGroupName: '/big', logStreamName: 'main', startFromHead: true, nextToken: first.nextForwardToken })), INVALID_TOKEN);
  });

  describe('FilterLogEvents', function () {
    /** Streams `a` and `b`, 1,500 events each at the same timestamps; only the last 10 of each say "ERROR late". */
    function seedLateErrors(): void {
      store.createLogGroup('/filter');
      for (const stream of ['b', 'a']) {
        store.createLogStream('/filter', stream);
        store.putEvents('/filter', stream, Array.from({ length: 1500 }, (_, i) => ({
          timestamp: T0 + i * 1000, message: i >= 1490 ? `ERROR late ${stream} ${i}` : `INFO early ${stream} ${i}`,
        })));
      }
    }

    it('as users report, an empty page may hand back the very token it was sent, and sending it again goes on (repeatTokenEvery)', async function () {
      seedLateErrors();
      store.scanBudget = 250;
      store.repeatTokenEvery = 2;
      const pages = await pagesOf(paginateFilterLogEvents({ client }, { logGroupName: '/filter', filterPattern: 'ERROR late' }));
      const repeated = pages.filter((page, i) => i > 0 && page.nextToken !== undefined && page.nextToken === store.requestsOf('FilterLogEvents')[i].nextToken);
      assert.ok(repeated.length >= 3, `${repeated.length} pages handed back their own token`);
      assert.equal(pages.flatMap((page) => page.events ?? []).length, 20, 'and every match still comes, once');
    });

    it('a pattern matching only late events gives empty pages with tokens first, then exactly the matches, then no token', async function () {
      seedLateErrors();
      store.scanBudget = 500;
      const pages = await pagesOf(paginateFilterLogEvents({ client }, { logGroupName: '/filter', filterPattern: 'ERROR late' }));
      assert.deepEqual(pages.map((page) => page.events?.length), [0, 0, 0, 0, 0, 20]);
      assert.deepEqual(pages.map((page) => typeof page.nextToken), ['string', 'string', 'string', 'string', 'string', 'undefined']);
      const events = pages.flatMap((page) => page.events ?? []);
      assert.deepEqual(events.map((event) => event.message), Array.from({ length: 10 }, (_, i) => [`ERROR late a ${1490 + i}`, `ERROR late b ${1490 + i}`]).flat(),
        'interleaved by timestamp, then stream name');
      assert.deepEqual(events.map((event) => event.logStreamName).slice(0, 2), ['a', 'b']);
      assert.equal(events[0].timestamp, T0 + 1490 * 1000);
      assert.equal(events[0].ingestionTime, T0 + 1490 * 1000 + INGESTION_DELAY_MS);
      assert.ok(events.every((event) => /^\d{56}$/.test(event.eventId ?? '')));
      assert.equal(new Set(events.map((event) => event.eventId)).size, 20);
      assert.equal(store.requestsOf('FilterLogEvents').length, 6);

      const limited = await pagesOf(paginateFilterLogEvents({ client, pageSize: 7 }, { logGroupName: '/filter', filterPattern: 'ERROR late' }));
      assert.deepEqual(limited.map((page) => page.events?.length), [0, 0, 0, 0, 0, 7, 7, 6]);
      assert.equal(limited.at(-1)?.nextToken, undefined);

      const phrase = await pagesOf(paginateFilterLogEvents({ client }, { logGroupName: '/filter', filterPattern: '"late b 1499"' }));
      assert.deepEqual(phrase.flatMap((page) => page.events?.map((event) => event.message) ?? []), ['ERROR late b 1499']);
      const lowerCase = await pagesOf(paginateFilterLogEvents({ client }, { logGroupName: '/filter', filterPattern: 'error' }));
      assert.equal(lowerCase.flatMap((page) => page.events ?? []).length, 0, 'terms are case-sensitive');
      assert.equal(lowerCase.length, 6, 'still several empty pages before the end');

      store.scanBudget = 1000;
      const everything = await pagesOf(paginateFilterLogEvents({ client }, { logGroupName: '/filter' }));
      assert.deepEqual(everything.map((page) => page.events?.length), [1000, 1000, 1000], 'no pattern matches every event');
    });

    it('logStreamNames, logStreamNamePrefix and the time range (startTime and endTime both included)', async function () {
      store.createLogGroup('/svc');
      for (const stream of ['web-1', 'web-2', 'worker-1']) {
        store.createLogStream('/svc', stream);
        store.putEvents('/svc', stream, Array.from({ length: 10 }, (_, i) => ({ timestamp: T0 + i * 1000, message: `${stream} ${i}` })));
      }
      const named = (await client.send(new FilterLogEventsCommand({ logGroupName: '/svc', logStreamNames: ['worker-1', 'web-2'] }))).events ?? [];
      assert.equal(named.length, 20);
      assert.deepEqual([...new Set(named.map((event) => event.logStreamName))].sort(), ['web-2', 'worker-1']);
      assert.deepEqual(named.slice(0, 2).map((event) => event.message), ['web-2 0', 'worker-1 0']);

      const prefixed = (await client.send(new FilterLogEventsCommand({ logGroupName: '/svc', logStreamNamePrefix: 'web-' }))).events ?? [];
      assert.deepEqual([...new Set(prefixed.map((event) => event.logStreamName))].sort(), ['web-1', 'web-2']);

      const ranged = (await client.send(new FilterLogEventsCommand({
        logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/svc', startTime: T0 + 2000, endTime: T0 + 5000,
      }))).events ?? [];
      assert.equal(ranged.length, 12, 'i = 2…5 in each of the 3 streams');
      assert.deepEqual([...new Set(ranged.map((event) => event.timestamp))], [T0 + 2000, T0 + 3000, T0 + 4000, T0 + 5000]);

      const newestFirst = (await client.send(new FilterLogEventsCommand({ logGroupName: '/svc', logStreamNames: ['web-1'], startFromHead: false }))).events ?? [];
      assert.deepEqual(newestFirst.map((event) => event.message).slice(0, 2), ['web-1 9', 'web-1 8']);

      await assert.rejects(client.send(new FilterLogEventsCommand({ logGroupName: '/svc', logStreamNames: ['web-1'], logStreamNamePrefix: 'web' })),
        { name: 'InvalidParameterException' });
      await assert.rejects(client.send(new FilterLogEventsCommand({ logGroupName: '/svc', logGroupIdentifier: '/svc' })), { name: 'InvalidParameterException' });
      await assert.rejects(client.send(new FilterLogEventsCommand({ logGroupName: '/missing' })),
        { name: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
    });

    it('a token older than 24 hours, for another query, or malformed is refused with "The specified nextToken is invalid."; a fresh one works', async function () {
      seedLateErrors();
      const query = { logGroupName: '/filter', logStreamNames: ['a'], limit: 10 };
      const first = await client.send(new FilterLogEventsCommand(query));
      assert.equal(first.events?.length, 10);
      store.advanceClock(DAY_MS);
      const second = await client.send(new FilterLogEventsCommand({ ...query, nextToken: first.nextToken }));
      assert.deepEqual(second.events?.map((event) => event.message).slice(0, 1), ['INFO early a 10'], 'exactly 24 hours old is still valid');
      store.advanceClock(DAY_MS + 1);
      await assert.rejects(client.send(new FilterLogEventsCommand({ ...query, nextToken: second.nextToken })), INVALID_TOKEN);

      const fresh = await client.send(new FilterLogEventsCommand(query));
      const next = await client.send(new FilterLogEventsCommand({ ...query, nextToken: fresh.nextToken }));
      assert.equal(next.events?.[0].message, 'INFO early a 10');

      await assert.rejects(client.send(new FilterLogEventsCommand({ ...query, filterPattern: 'INFO', nextToken: fresh.nextToken })), INVALID_TOKEN);
      await assert.rejects(client.send(new FilterLogEventsCommand({ ...query, logStreamNames: ['b'], nextToken: fresh.nextToken })), INVALID_TOKEN);
      await assert.rejects(client.send(new FilterLogEventsCommand({ ...query, nextToken: 'not-a-token' })), INVALID_TOKEN);
      await assert.rejects(client.send(new DescribeLogGroupsCommand({ nextToken: fresh.nextToken })), INVALID_TOKEN, 'a FilterLogEvents token elsewhere');
    });

    it('refuses filter patterns beyond the implemented subset', async function () {
      store.createLogGroup('/p');
      for (const filterPattern of ['{ $.level = "ERROR" }', '?ERROR ?WARN', 'ERROR -DEBUG', '[ip, user, status]', '%ERR%']) {
        await assert.rejects(client.send(new FilterLogEventsCommand({ logGroupName: '/p', filterPattern })),
          { name: 'InvalidParameterException', message: /stand-in does not support/ }, filterPattern);
      }
      await assert.rejects(client.send(new FilterLogEventsCommand({ logGroupName: '/p', filterPattern: '"unterminated' })), { name: 'InvalidParameterException' });
    });
  });

  it('DescribeMetricFilters: filter-N names ASCII-sorted, paged by limit', async function () {
    store.createLogGroup('/metrics', { metricFilters: 12 });
    const pages = await pagesOf(paginateDescribeMetricFilters({ client, pageSize: 5 }, { logGroupName: '/metrics' }));
    assert.deepEqual(pages.map((page) => page.metricFilters?.length), [5, 5, 2]);
    assert.deepEqual(pages.flatMap((page) => page.metricFilters?.map((filter) => filter.filterName) ?? []),
      Array.from({ length: 12 }, (_, i) => `filter-${i + 1}`).sort());
    assert.equal(pages[2].nextToken, undefined);
  });

  it('speaks AWS JSON 1.1: content type, request id, errors with x-amzn-ErrorType and __type; unknown operations refused', async function () {
    const post = (target: string, body: unknown) => fetch(endpoint, {
      method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target }, body: JSON.stringify(body),
    });
    const ok = await post('Logs_20140328.DescribeLogGroups', {});
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.ok(ok.headers.get('x-amzn-requestid'));
    assert.deepEqual(await ok.json(), { logGroups: [] });

    const missing = await post('Logs_20140328.DescribeLogStreams', { logGroupName: '/nope' });
    assert.equal(missing.status, 400);
    assert.equal(missing.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    assert.deepEqual(await missing.json(), { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });

    const unknown = await post('Logs_20140328.PutLogEvents', {});
    assert.equal(unknown.status, 400);
    assert.equal(((await unknown.json()) as { __type: string }).__type, 'UnknownOperationException');
    await assert.rejects(client.send(new PutLogEventsCommand({ logGroupName: '/g', logStreamName: 's', logEvents: [{ timestamp: T0, message: 'm' }] })),
      { name: 'UnknownOperationException' });
    assert.deepEqual(store.requests.map((request) => request.operation), ['DescribeLogGroups', 'DescribeLogStreams', 'PutLogEvents', 'PutLogEvents']);
  });
});
