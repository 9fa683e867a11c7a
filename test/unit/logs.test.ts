// CloudWatch Logs log groups, streams, events and searches against the Logs stand-in (test/support/logsStandIn.ts),
// through the real SDK client: the tree, the GetLogEvents end rule, Search Events…, exports, and a search export
// whose token expired resumed by timestamp.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { resumedAtMessage } from '../../src/core/export/messages';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { searchEvents } from '../../src/core/services/logs/searchAction';
import { type Prompter } from '../../src/core/services/service';
import { detailsOf, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { numberedNames, useEmulator } from '../support/emulator';
import { type ListRef } from '../../src/core/lists';
import { idOf } from '../../src/core/lists';

const groups: ListRef = { kind: 'logs.groups', params: {} };
const NOW = Date.now();
const HOUR = 3_600_000;

describe('CloudWatch Logs against the Logs stand-in', function () {
  const env = useEmulator(async () => undefined, { maxAttempts: 1 });
  const requests = (operation: string) => env.emulator.logs.requestsOf(operation);
  const model = (pageSize: number) => new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });

  before(function () {
    const { logs } = env.emulator;
    for (const name of [...numberedNames('/app/service', 70, 3), '/aws/lambda/orders']) {
      logs.createLogGroup(name, { creationTime: NOW - 10 * 86_400_000, retentionInDays: name.includes('lambda') ? 30 : undefined, metricFilters: 2 });
    }
    // Streams whose last events come in another order than their names.
    numberedNames('s', 7, 1).forEach((stream, i) => {
      logs.createLogStream('/aws/lambda/orders', stream);
      logs.putEvents('/aws/lambda/orders', stream, [{ timestamp: NOW - ((i * 3) % 7 + 1) * HOUR, message: `event of ${stream}` }]);
    });
    // One stream of 2,345 events, a second line in every 10th.
    logs.createLogStream('/app/service-001', 'big');
    logs.putEvents('/app/service-001', 'big', Array.from({ length: 2345 }, (_, i) => ({ timestamp: NOW - (2345 - i) * 1000, message: i % 10 ? `line ${i}` : `line ${i}\n  detail ${i}` })));
    // A group to search: 6,000 events over three streams, ERROR only in the last 50, and runs of events that share a
    // millisecond (so the events of one instant span pages).
    logs.createLogGroup('/app/search');
    for (const stream of ['a', 'b', 'c']) {
      logs.createLogStream('/app/search', stream);
      logs.putEvents('/app/search', stream, Array.from({ length: 2000 }, (_, j) => {
        const i = j * 3 + ['a', 'b', 'c'].indexOf(stream);
        return { timestamp: NOW - 3 * HOUR + Math.floor(i / 7) * 1000, message: i >= 5950 ? `ERROR ${i} disk full` : `INFO ${i}` };
      }));
    }
  });

  it('log groups page by at most 50 (DescribeLogGroups limit) with Load more; Filter by Prefix sends logGroupNamePrefix', async function () {
    const tree = model(1000);
    await tree.ensureLoaded(groups);
    const first = tree.snapshot(groups);
    assert.equal(first.items.length, 50);
    assert.equal(rowsOf(first).at(-1)?.type, 'loadMore');
    await tree.loadAll(groups);
    assert.equal(tree.snapshot(groups).items.length, 72);
    assert.deepEqual(requests('DescribeLogGroups').map((r) => [r.limit, r.nextToken === undefined]), [[50, true], [50, false]]);
    const lambda = tree.setFilter(groups, '/aws/');
    await tree.ensureLoaded(lambda);
    assert.deepEqual(tree.snapshot(lambda).items.map((item) => item.name), ['/aws/lambda/orders']);
    assert.equal(requests('DescribeLogGroups').at(-1)?.logGroupNamePrefix, '/aws/');
    const row = tree.snapshot(lambda).items[0];
    assert.match(row.description!, /^[\d.]+ [kMG]?B · 30 days$/, 'stored bytes and retention');
    assert.match(idOf(row, 'ARN')!, /^arn:aws:logs:us-east-1:\d+:log-group:\/aws\/lambda\/orders$/);
    const details = await detailsOf(lambda, row)!.fetch(env.session, {});
    assert.equal(details.retentionInDays, 30);
    assert.deepEqual(details.metricFilters, ['filter-1', 'filter-2']);
  });

  it('a group expands to its streams, the newest event first (orderBy LastEventTime, descending)', async function () {
    const tree = model(5);
    const streams: ListRef = { kind: 'logs.streams', params: { group: '/aws/lambda/orders' } };
    await tree.loadAll(streams);
    const shown = tree.snapshot(streams).items;
    const lastEvents = shown.map((item) => Date.parse(item.time!));
    assert.deepEqual(lastEvents, [...lastEvents].sort((a, b) => b - a));
    assert.equal(shown.length, 7);
    assert.deepEqual(requests('DescribeLogStreams').map((r) => [r.orderBy, r.descending, r.limit]), [['LastEventTime', true, 5], ['LastEventTime', true, 5]]);
  });

  it('a stream\'s events, oldest first: pages of the setting, the row is the first line; the last Load more gets the same token back and ends the list', async function () {
    const tree = model(1000);
    const events: ListRef = { kind: 'logs.events', params: { group: '/app/service-001', stream: 'big' } };
    await tree.ensureLoaded(events);
    assert.equal(tree.snapshot(events).items.length, 1000);
    assert.equal(tree.snapshot(events).items[0].name, 'line 0');
    assert.equal(tree.snapshot(events).items[1].name, 'line 1');
    const result = await tree.loadAll(events);
    assert.equal(result.outcome, 'complete');
    const snapshot = tree.snapshot(events);
    assert.equal(snapshot.failure, undefined, 'the same token at the end is the end, not a paging loop');
    assert.equal(snapshot.items.length, 2345);
    assert.equal(new Set(snapshot.items.map((item) => item.id)).size, 2345);
    assert.deepEqual(snapshot.items.map((item) => item.record.message).slice(0, 3), ['line 0\n  detail 0', 'line 1', 'line 2']);
    const sent = requests('GetLogEvents');
    assert.ok(sent.every((r) => r.startFromHead === true && r.limit === 1000));
    assert.equal(sent.at(-1)?.nextToken, sent.at(-2)?.nextToken === undefined ? undefined : sent.at(-1)?.nextToken);
    assert.equal(sent.length, 4, '1,000 + 1,000 + 345, then the request that hands its token back');
  });

  it('Search Events…: a pattern and a range; pages that are empty but carry a token show Load more, and Load all finds every match', async function () {
    const answers: string[] = ['ERROR', 'Last 24 hours'];
    const prompter: Prompter = {
      pick: async ({ choices }) => choices.find((choice) => choice.label === answers[0] && answers.shift())?.value,
      input: async () => answers.shift(),
    };
    const group = { id: 'g', name: '/app/search', itemKind: 'logGroup', record: {} };
    const search = (await searchEvents.open({ item: group, list: { kind: 'logs.streams', params: { group: '/app/search' } } }, env.session, prompter, {}))!;
    assert.equal(search.kind, 'logs.search');
    assert.equal(search.params.pattern, 'ERROR');
    assert.ok(Math.abs(Number(search.params.start) - (Date.now() - 24 * HOUR)) < 60_000);
    env.emulator.logs.scanBudget = 1000;
    const tree = model(10_000);
    await tree.ensureLoaded(search);
    const first = tree.snapshot(search);
    assert.equal(first.items.length, 0);
    assert.equal(rowsOf(first).at(-1)?.type, 'loadMore', 'an empty page with a token offers Load more, not "No matching events"');
    await tree.loadAll(search);
    const found = tree.snapshot(search).items;
    assert.equal(found.length, 50);
    assert.ok(found.every((item) => /^ERROR \d+ disk full$/.test(item.name) && ['a', 'b', 'c'].includes(item.description!)));
    assert.equal(requests('FilterLogEvents').at(-1)?.filterPattern, 'ERROR');
  });

  describe('export', function () {
    let dir: string;
    let store: FileCheckpointStore;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-logs-'));
      store = new FileCheckpointStore(path.join(dir, 'state'));
    });
    afterEach(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const search: ListRef = { kind: 'logs.search', params: { group: '/app/search', start: '-24h' } };
    const job = (list: ListRef, format: ExportFormat, pageSize: number, name: string): ExportJob =>
      ({ target: listingTarget(env.session.connection), list, pageSize, format, outputPath: path.join(dir, name) });

    it('a group\'s events as JSON Lines: the API\'s fields as the AWS CLI prints them, then the instants in ISO 8601; CSV with the same columns', async function () {
      const lines = await startExport(env.session, job({ ...search, params: { ...search.params, pattern: 'ERROR' } }, 'jsonl', 20, 'errors.jsonl'), { store });
      assert.equal(lines.itemsWritten, 50);
      const [first] = fs.readFileSync(lines.job.outputPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(Object.keys(first), ['logStreamName', 'timestamp', 'message', 'ingestionTime', 'eventId', 'timestampIso', 'ingestionTimeIso']);
      assert.equal(first.timestampIso, new Date(first.timestamp as number).toISOString());
      assert.match(first.eventId as string, /^\d{56}$/);
      const csv = await startExport(env.session, job({ ...search, params: { ...search.params, pattern: 'ERROR' } }, 'csv', 20, 'errors.csv'), { store });
      assert.equal(fs.readFileSync(csv.job.outputPath, 'utf8').split('\r\n')[0], 'logStreamName,timestamp,message,ingestionTime,eventId,timestampIso,ingestionTimeIso');
    });

    it('a search export resumed after its token expired (24 h later) goes on from the last timestamp written, skipping the events written at it: byte for byte', async function () {
      const reference = await startExport(env.session, job(search, 'jsonl', 250, 'reference.jsonl'), { store });
      assert.equal(reference.itemsWritten, 6000);
      const j = job(search, 'jsonl', 250, 'resumed.jsonl');
      const controller = new AbortController();
      await assert.rejects(startExport(env.session, j, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 9 && controller.abort() }), { name: 'AbortError' });
      const checkpoint = (await store.load(checkpointId(j)))!;
      const position = JSON.parse(checkpoint.after!) as { t: number; ids: string[] };
      const written = fs.readFileSync(j.outputPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { timestamp: number; eventId: string });
      assert.equal(position.t, written.at(-1)!.timestamp);
      assert.deepEqual(position.ids, written.filter((event) => event.timestamp === position.t).map((event) => event.eventId));
      assert.ok(position.ids.length > 1, 'several events of the last instant were written');

      env.emulator.logs.advanceClock(24 * HOUR + 1);
      const resumedAt: string[] = [];
      try {
        const result = await resumeExport(env.session, checkpoint, { store, onResumedAt: (after) => resumedAt.push(after) });
        assert.equal(result.itemsWritten, 6000);
      } finally {
        env.emulator.logs.advanceClock(-(24 * HOUR + 1));
      }
      assert.deepEqual(resumedAt, [checkpoint.after]);
      const filter = requests('FilterLogEvents');
      const fallback = filter.findIndex((r, i) => i > 0 && filter[i - 1].nextToken === checkpoint.nextToken && r.nextToken === undefined);
      assert.ok(fallback > 0, 'the refused token was followed by a request without a token');
      assert.equal(filter[fallback].startTime, position.t, 'from the last timestamp written');
      assert.ok(fs.readFileSync(j.outputPath).equals(fs.readFileSync(reference.job.outputPath)), 'byte for byte the uninterrupted export');
    });

    it('"-24h" is measured from the start of the export: a resume reads the same range (the export\'s start − 24 h), and its saved token is accepted', async function () {
      const j = job(search, 'jsonl', 500, 'relative.jsonl');
      const controller = new AbortController();
      await assert.rejects(startExport(env.session, j, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 2 && controller.abort() }), { name: 'AbortError' });
      const checkpoint = (await store.load(checkpointId(j)))!;
      const first = requests('FilterLogEvents').at(-1)!;
      const resumedAt: string[] = [];
      await resumeExport(env.session, { ...checkpoint }, { store, onResumedAt: (after) => resumedAt.push(after) });
      assert.deepEqual(resumedAt, [], 'the token was accepted: the same query');
      // The first run had asked for that page already when it was cancelled; the resume asks again, with the same query.
      const resumed = requests('FilterLogEvents').filter((r) => r.nextToken === checkpoint.nextToken).at(-1)!;
      assert.equal(resumed.startTime, first.startTime);
      assert.equal(resumed.startTime, Date.parse(checkpoint.job.asOf!) - 24 * HOUR);
    });
  });

  describe('quirks of the real service (issue: a search that cannot resume, tokens handed back, stream tokens that expire)', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-logs-quirks-'));
    after(function () {
      fs.rmSync(dir, { recursive: true, force: true });
      env.emulator.logs.scanBudget = 1000;
      env.emulator.logs.repeatTokenEvery = 0;
    });
    const jobOf = (list: ListRef, name: string, pageSize: number): ExportJob => ({
      target: listingTarget(env.session.connection), list, pageSize, format: 'jsonl', outputPath: path.join(dir, name), asOf: new Date(NOW).toISOString(),
    });
    const stopAfter = (pages: number) => {
      const controller = new AbortController();
      let seen = 0;
      return { signal: controller.signal, onProgress: () => ++seen === pages && controller.abort() };
    };

    it('a search export that had written nothing when its token expired resumes from the start, saying so (it failed with "Unexpected end of JSON input")', async function () {
      const { logs } = env.emulator;
      // ERROR only in the last 50 of 6,000 events, 100 examined a request: dozens of empty pages with a token first.
      logs.scanBudget = 100;
      const search: ListRef = { kind: 'logs.search', params: { group: '/app/search', pattern: 'ERROR', start: '-24h' } };
      const store = new FileCheckpointStore(path.join(dir, 'state-empty'));
      const reference = jobOf(search, 'empty-reference.jsonl', 1000);
      await startExport(env.session, reference, { store });
      const job = jobOf(search, 'empty.jsonl', 1000);
      await assert.rejects(startExport(env.session, job, { store, ...stopAfter(5) }), { name: 'AbortError' });
      const kept = (await store.load(checkpointId(job)))!;
      assert.equal(kept.itemsWritten, 0, 'only empty pages were written');
      logs.advanceClock(25 * HOUR);
      try {
        const said: string[] = [];
        // As the CLI and VS Code do: they say where the export went on from.
        await resumeExport(env.session, kept, { store, onResumedAt: (after) => said.push(resumedAtMessage(search, after)) });
        assert.equal(said.length, 1);
        assert.match(said[0], /nothing had been written yet, so the export went on from the start/);
        assert.ok(fs.readFileSync(job.outputPath).equals(fs.readFileSync(reference.outputPath)), 'byte for byte the uninterrupted export');
      } finally {
        logs.advanceClock(-25 * HOUR);
        logs.scanBudget = 1000;
      }
    });

    it('FilterLogEvents handing back the token it was sent on an empty page: sent again (with the SDK\'s backoff), the export completes exactly', async function () {
      const { logs } = env.emulator;
      logs.scanBudget = 100;
      logs.repeatTokenEvery = 3;
      const search: ListRef = { kind: 'logs.search', params: { group: '/app/search', pattern: 'ERROR', start: '-24h' } };
      const store = new FileCheckpointStore(path.join(dir, 'state-repeat'));
      try {
        const before = logs.emptyPagesSeen;
        const result = await startExport(env.session, jobOf(search, 'repeat.jsonl', 1000), { store });
        assert.equal(result.itemsWritten, 50);
        assert.ok(logs.emptyPagesSeen - before >= 30 && logs.handedBack.size >= 10, `the stand-in handed back ${logs.handedBack.size} tokens`);
        logs.repeatTokenEvery = 0;
        const clean = await startExport(env.session, jobOf(search, 'repeat-clean.jsonl', 1000), { store });
        assert.ok(fs.readFileSync(result.job.outputPath).equals(fs.readFileSync(clean.job.outputPath)));
      } finally {
        logs.repeatTokenEvery = 0;
        logs.scanBudget = 1000;
      }
    });

    it('a token handed back again and again is still a loop after 5 tries: a clear message, not an endless listing', async function () {
      const search: ListRef = { kind: 'logs.search', params: { group: '/app/search', pattern: 'ERROR', start: '-24h' } };
      env.emulator.logs.scanBudget = 100;
      env.proxy.setRule((request) => (request.action === 'FilterLogEvents' && request.token !== undefined ? { kind: 'repeatToken' } : undefined));
      try {
        const store = new FileCheckpointStore(path.join(dir, 'state-loop'));
        const error = await startExport(env.session, jobOf(search, 'loop.jsonl', 1000), { store }).then(() => undefined, (e: unknown) => e);
        assert.equal((error as Error).name, 'RepeatedTokenError');
        const sent = env.proxy.log.filter((request) => request.action === 'FilterLogEvents' && request.token !== undefined);
        assert.equal(sent.length, 6, 'the first answer and 5 tries');
        assert.equal(new Set(sent.map((request) => request.token)).size, 1);
      } finally {
        env.proxy.setRule(undefined);
        env.emulator.logs.scanBudget = 1000;
      }
    });

    it('a stream export whose GetLogEvents token expired (24 h) goes on from the last timestamp written, byte for byte (it offered only --restart)', async function () {
      const { logs } = env.emulator;
      const stream: ListRef = { kind: 'logs.events', params: { group: '/app/service-001', stream: 'big' } };
      const store = new FileCheckpointStore(path.join(dir, 'state-stream'));
      const reference = await startExport(env.session, jobOf(stream, 'stream-reference.jsonl', 100), { store });
      assert.equal(reference.itemsWritten, 2345);
      const job = jobOf(stream, 'stream.jsonl', 100);
      await assert.rejects(startExport(env.session, job, { store, ...stopAfter(7) }), { name: 'AbortError' });
      logs.advanceClock(25 * HOUR);
      try {
        const resumedAt: string[] = [];
        await resumeExport(env.session, (await store.load(checkpointId(job)))!, { store, onResumedAt: (after) => resumedAt.push(resumedAtMessage(stream, after)) });
        assert.equal(resumedAt.length, 1);
        assert.match(resumedAt[0], /went on with startTime after the last event written/);
        assert.ok(fs.readFileSync(job.outputPath).equals(fs.readFileSync(reference.job.outputPath)));
      } finally {
        logs.advanceClock(-25 * HOUR);
      }
    });

    it('a log group\'s record holds every field DescribeLogGroups returns, lists too (inheritedProperties), as the AWS CLI prints them', async function () {
      env.emulator.logs.createLogGroup('/app/protected', { inheritedProperties: ['ACCOUNT_DATA_PROTECTION'], dataProtectionStatus: 'ACTIVATED' });
      const tree = model(50);
      const list: ListRef = { kind: 'logs.groups', params: { prefix: '/app/protected' } };
      await tree.ensureLoaded(list);
      const [row] = tree.snapshot(list).items;
      assert.deepEqual(row.record.inheritedProperties, ['ACCOUNT_DATA_PROTECTION']);
      assert.equal(row.record.dataProtectionStatus, 'ACTIVATED');
      const store = new FileCheckpointStore(path.join(dir, 'state-groups'));
      const csv = await startExport(env.session, { ...jobOf(list, 'groups.csv', 50), format: 'csv' }, { store });
      const [header, line] = fs.readFileSync(csv.job.outputPath, 'utf8').split('\r\n');
      const cells = header.split(',');
      assert.ok(cells.includes('inheritedProperties'));
      assert.match(line, /ACCOUNT_DATA_PROTECTION/);
    });
  });
});
