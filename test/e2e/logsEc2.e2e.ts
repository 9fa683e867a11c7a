// CloudWatch Logs and EC2 in the real workbench, on the demo data (the stand-ins' stores): what a user pages through,
// searches, filters and exports, compared with what scripts/emulator.ts seeded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import type { StoredLogEvent } from '../support/logsStandIn';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench, type TreeRow } from './support/workbench';

const LOAD_MORE = 'Load more…';
const LOG_GROUPS = 'CloudWatch Log Groups';
const EC2_INSTANCES = 'EC2 Instances';

/** The page size setting's default (the tests do not set it); each API caps it at its own maximum. */
const PAGE_SIZE: number = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
  .contributes.configuration.properties['pagedAwsExplorer.pageSize'].default;
/** DescribeLogGroups and DescribeLogStreams take at most 50, GetLogEvents 10,000, DescribeInstances 1,000. */
const GROUPS_PAGE = Math.min(50, PAGE_SIZE);
const STREAMS_PAGE = Math.min(50, PAGE_SIZE);
const EVENTS_PAGE = Math.min(10_000, PAGE_SIZE);
const INSTANCES_PAGE = Math.min(1000, PAGE_SIZE);

const count = (n: number) => n.toLocaleString('en-US');

/** A log event's row: the first line of its message. */
const firstLine = (message: string) => message.split(/\r?\n/, 1)[0].trimEnd();

/** The search node's title: the pattern, then the range fixed when the search was made, to the minute, in UTC. */
const SEARCH_TITLE = /^"ERROR" · (\d{4}-\d\d-\d\d \d\d:\d\d)Z → (\d{4}-\d\d-\d\d \d\d:\d\d)Z$/;

describe('CloudWatch Logs and EC2 in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
    // Before any window opens: the save dialog does not see a folder made after its window started.
    fs.mkdirSync(path.join(h.tmp, 'exports'), { recursive: true });
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'logs-ec2')));
    await wb.openContainer();
  });

  // ---- ground truth, from the stand-ins' stores ----

  function logStore() {
    return h.demo.main.logs;
  }

  /** The streams of a group, the one with the newest event first (the console's order). */
  function streamsNewestFirst(group: string): string[] {
    const record = logStore().logGroup(group);
    assert.ok(record, `the demo data has no log group ${group}`);
    return [...record.streams.values()]
      .sort((a, b) => (b.lastEventTimestamp ?? 0) - (a.lastEventTimestamp ?? 0) || (a.name < b.name ? 1 : -1))
      .map((stream) => stream.name);
  }

  /** The events of the sparse group that hold the pattern, oldest first, with their streams. */
  function sparseMatches(): { stream: string; event: StoredLogEvent }[] {
    const { group, pattern, matches } = h.demo.mainData.logs.sparse;
    const record = logStore().logGroup(group)!;
    const found = [...record.streams.values()]
      .flatMap((stream) => stream.events.filter((event) => event.message.includes(pattern)).map((event) => ({ stream: stream.name, event })))
      .sort((a, b) => a.event.timestamp - b.event.timestamp || (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
    assert.equal(found.length, matches, 'the seeded matches');
    return found;
  }

  /** An event as a JSON Lines export writes it: the API's fields in the AWS CLI's order, then the instants in ISO 8601. */
  function exportedLine(event: StoredLogEvent, stream?: string): string {
    return JSON.stringify({
      ...(stream === undefined ? {} : { logStreamName: stream }),
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      ...(stream === undefined ? {} : { eventId: event.eventId }),
      timestampIso: new Date(event.timestamp).toISOString(),
      ingestionTimeIso: new Date(event.ingestionTime).toISOString(),
    });
  }

  /** The instances as the tree names them (the Name tag, else the id), in DescribeInstances order. */
  function instanceRows(state?: string): { label: string; state: string }[] {
    const instances = h.demo.main.ec2.instances();
    assert.deepEqual(instances.map((i) => i.instanceId), h.demo.mainData.instances, 'the store holds the seeded instances');
    return instances.filter((i) => state === undefined || i.state === state).map((i) => ({ label: i.tags.Name || i.instanceId, state: i.state }));
  }

  // ---- workbench steps ----

  /** The description of a row (a list node's shows its count: "50 loaded · more", then the total). */
  async function descriptionOf(label: string, level: number): Promise<string> {
    const row = await wb.waitForRow(label, 30_000, level);
    return ((await row.locator('.label-description').first().textContent()) ?? '').trim();
  }

  async function waitForDescription(label: string, level: number, expected: string | RegExp, timeoutMs = 60_000): Promise<void> {
    await eventually(async () => {
      const description = await descriptionOf(label, level);
      if (typeof expected === 'string') {
        assert.equal(description, expected);
      } else {
        assert.match(description, expected);
      }
    }, timeoutMs, `"${label}" to say ${expected}`);
  }

  /** Waits until a list's rows are these (Load more… included when it should be there). */
  async function waitForChildren(label: string, level: number, expected: string[], what: string, timeoutMs = 60_000): Promise<TreeRow[]> {
    return eventually(async () => {
      const rows = await wb.loadedChildren(label, level);
      assert.deepEqual(rows.map((r) => r.label), expected);
      return rows;
    }, timeoutMs, what);
  }

  /** Every log group in the tree (Load All on the top-level node), so any group can be expanded. */
  async function allLogGroups(): Promise<void> {
    await wb.expand(LOG_GROUPS, 1);
    await wb.loadedChildren(LOG_GROUPS, 1);
    await wb.contextMenu(LOG_GROUPS, 'Load All', 1);
    await waitForDescription(LOG_GROUPS, 1, count(h.demo.mainData.logs.groups.length));
  }

  /** The search node opened under a group: found by its title, which holds the instants of the range. */
  async function searchNodeUnder(group: string): Promise<string> {
    return eventually(async () => {
      const rows = await wb.children(group, 2);
      const search = rows.find((r) => r.label.startsWith('"ERROR" · '));
      assert.ok(search, `no search node under ${group}: ${rows.map((r) => r.label).join(', ')}`);
      return search.label;
    }, 30_000, `the search node under ${group}`);
  }

  /** Asserts the range in a search title is the last 24 hours, ending about now. */
  function assertLast24Hours(title: string, searchedAt: number): void {
    const match = SEARCH_TITLE.exec(title);
    assert.ok(match, `search title ${JSON.stringify(title)}`);
    const [start, end] = [Date.parse(`${match[1].replace(' ', 'T')}Z`), Date.parse(`${match[2].replace(' ', 'T')}Z`)];
    assert.equal(end - start, 24 * 3_600_000, 'the range spans 24 hours');
    assert.ok(Math.abs(end - searchedAt) < 3 * 60_000, `the range ends now: ${match[2]}Z`);
  }

  it(`CloudWatch Log Groups: ${GROUPS_PAGE} groups and Load more…; Load more… appends the rest, every group once in name order`, async function () {
    const groups = h.demo.mainData.logs.groups;
    assert.equal(groups.length, 119);
    await wb.expand(LOG_GROUPS, 1);
    await waitForChildren(LOG_GROUPS, 1, [...groups.slice(0, GROUPS_PAGE), LOAD_MORE], 'the first page of log groups');
    assert.equal(await descriptionOf(LOG_GROUPS, 1), `${count(GROUPS_PAGE)} loaded · more`);

    for (let loaded = GROUPS_PAGE; loaded < groups.length; loaded += GROUPS_PAGE) {
      await wb.click(LOAD_MORE, 2);
      const next = Math.min(groups.length, loaded + GROUPS_PAGE);
      await waitForChildren(LOG_GROUPS, 1, [...groups.slice(0, next), ...(next < groups.length ? [LOAD_MORE] : [])], `log groups 1 to ${next}`);
    }
    await wb.scrollToTop();
    assert.equal(await descriptionOf(LOG_GROUPS, 1), count(groups.length), 'the list node shows the total');
  });

  it(`a group's streams, newest first (${STREAMS_PAGE} and Load more…); a stream's events, ${EVENTS_PAGE} a page, each its message's first line`, async function () {
    const { big } = h.demo.mainData.logs;
    const busy = '/demo/app-001';
    await allLogGroups();

    const streams = streamsNewestFirst(busy);
    assert.equal(streams.length, 60);
    await wb.expand(busy, 2);
    await waitForChildren(busy, 2, [...streams.slice(0, STREAMS_PAGE), LOAD_MORE], `the first page of streams of ${busy}`);
    await wb.click(LOAD_MORE, 3);
    await waitForChildren(busy, 2, streams, `every stream of ${busy}`);
    await wb.collapse(busy, 2);

    const events = logStore().logStream(big.group, big.stream)!.events;
    assert.equal(events.length, big.events);
    await wb.expand(big.group, 2);
    await waitForChildren(big.group, 2, [big.stream], `the streams of ${big.group}`);
    await wb.expand(big.stream, 3);
    const first = await waitForChildren(big.stream, 3, [...events.slice(0, EVENTS_PAGE).map((e) => firstLine(e.message)), LOAD_MORE], `the first page of ${big.stream}`);
    // The oldest first: request 0 (an ERROR with a stack trace shows its first line only), then INFO rows.
    assert.equal(first[0].label, 'ERROR request 0 timed out');
    assert.equal(first[1].label, 'INFO request 1 served in 1 ms');
    // A stream row shows its last event's time, then the count.
    assert.match(await descriptionOf(big.stream, 3), new RegExp(` · ${count(EVENTS_PAGE)} loaded · more$`));

    await wb.click(LOAD_MORE, 4);
    await waitForChildren(big.stream, 3, [...events.slice(0, 2 * EVENTS_PAGE).map((e) => firstLine(e.message)), LOAD_MORE], `the second page of ${big.stream}`);
    assert.match(await descriptionOf(big.stream, 3), new RegExp(` · ${count(2 * EVENTS_PAGE)} loaded · more$`));
  });

  it('Search Events… (context menu) on /demo/sparse: empty pages with a token show Load more…, and Load All ends with exactly its 40 ERROR events', async function () {
    const { sparse } = h.demo.mainData.logs;
    const expected = sparseMatches();
    const filterRequests = () => logStore().requestsOf('FilterLogEvents').filter((input) => input.logGroupName === sparse.group);
    const before = filterRequests().length;
    await allLogGroups();

    const searchedAt = Date.now();
    await wb.contextMenu(sparse.group, 'Search Events…', 2);
    await wb.waitForQuickInput(`Search ${sparse.group}`);
    await wb.answerInput(sparse.pattern);
    await wb.pick('Last 24 hours');
    const search = await searchNodeUnder(sparse.group);
    assertLast24Hours(search, searchedAt);

    // The first page examined the oldest events only: no match, but a token. Not "No matching events".
    const firstPage = await wb.loadedChildren(search, 3);
    assert.deepEqual(firstPage.map((r) => r.label), [LOAD_MORE]);
    // The node is redrawn once its first page is in: its description follows its children.
    await eventually(async () => assert.equal(await descriptionOf(search, 3), '0 loaded · more'), 10_000, 'the node counts its page');
    const sent = filterRequests().slice(before);
    assert.equal(sent.length, 1, 'one FilterLogEvents request for the first page');
    assert.equal(sent[0].filterPattern, sparse.pattern);
    assert.equal(sent[0].limit, EVENTS_PAGE);
    assert.equal(Number(sent[0].endTime) - Number(sent[0].startTime), 24 * 3_600_000, 'startTime and endTime 24 hours apart');

    // Load more… fetches the next page: empty again, and Load more… stays.
    await wb.click(LOAD_MORE, 4);
    await eventually(async () => {
      assert.equal(filterRequests().length - before, 2, 'the second request');
      assert.equal(await descriptionOf(LOAD_MORE, 4), '', 'Load more… still loading');
    }, 30_000, 'the second page');
    assert.deepEqual((await wb.loadedChildren(search, 3)).map((r) => r.label), [LOAD_MORE]);

    await wb.contextMenu(search, 'Load All', 3);
    const rows = await waitForChildren(search, 3, expected.map(({ event }) => firstLine(event.message)), `the ${sparse.matches} ERROR events`);
    assert.ok(rows.every((r) => r.label.startsWith(`${sparse.pattern} `)), 'only ERROR rows');
    // Each row names its stream, since a search spans the group's streams.
    assert.deepEqual(rows.map((r) => r.description.split(' · ')[0]), expected.map(({ stream }) => stream));
    await waitForDescription(search, 3, count(sparse.matches));
    // Every token followed once: the stand-in examines 1,000 events a request, so 12,000 events take 12 pages.
    assert.equal(filterRequests().length - before, Math.ceil(sparse.events / logStore().scanBudget));
  });

  it(`EC2 Instances: ${INSTANCES_PAGE} a page and Load more… to all 1,500; Filter by State… running lists exactly the running ones`, async function () {
    const all = instanceRows();
    const running = instanceRows('running');
    assert.equal(all.length, 1500);
    assert.equal(running.length, h.demo.mainData.runningInstances);
    const ec2Requests = h.demo.main.ec2.requests;
    const before = ec2Requests.length;

    await wb.expand(EC2_INSTANCES, 1);
    await waitForChildren(EC2_INSTANCES, 1, [...all.slice(0, INSTANCES_PAGE).map((i) => i.label), LOAD_MORE], 'the first page of instances');
    assert.equal(await descriptionOf(EC2_INSTANCES, 1), `${count(INSTANCES_PAGE)} loaded · more`);
    await wb.click(LOAD_MORE, 2);
    await waitForChildren(EC2_INSTANCES, 1, [...all.slice(0, 2 * INSTANCES_PAGE).map((i) => i.label), LOAD_MORE], 'the second page of instances');

    await wb.scrollToTop();
    await wb.contextMenu(EC2_INSTANCES, 'Load All', 1);
    await waitForDescription(EC2_INSTANCES, 1, count(all.length));
    // The end of the list: the last instances seeded, and no Load more….
    await wb.tree.focus();
    await wb.page.keyboard.press('End');
    const tail = await eventually(async () => {
      const rows = (await wb.renderedRows()).filter((r) => r.level === 2);
      assert.equal(rows.at(-1)?.label, all.at(-1)!.label);
      return rows;
    }, 15_000, 'the end of the instances');
    assert.ok(tail.length >= 10, `${tail.length} rows rendered at the end`);
    assert.deepEqual(tail.map((r) => r.label), all.slice(-tail.length).map((i) => i.label));
    const listed = ec2Requests.slice(before).filter((form) => form.Action === 'DescribeInstances' && !form['InstanceId.1']);
    assert.ok(listed.every((form) => form.MaxResults === String(INSTANCES_PAGE)), `MaxResults ${listed.map((f) => f.MaxResults).join(', ')}`);
    assert.equal(listed.length, Math.ceil(all.length / INSTANCES_PAGE), 'one DescribeInstances request a page');

    await wb.scrollToTop();
    const beforeFilter = ec2Requests.length;
    await wb.contextMenu(EC2_INSTANCES, 'Filter by State…', 1);
    await wb.waitForQuickInput('Filter EC2 Instances by State');
    assert.deepEqual(await wb.quickPickLabels(), ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated']);
    await wb.pick('running');
    const filtered = `${EC2_INSTANCES} · running`;
    await waitForChildren(filtered, 2, [...running.slice(0, INSTANCES_PAGE).map((i) => i.label), LOAD_MORE], 'the first page of running instances');
    await wb.contextMenu(filtered, 'Load All', 2);
    await waitForDescription(filtered, 2, count(running.length));
    const rows = await wb.loadedChildren(filtered, 2);
    assert.deepEqual(rows.map((r) => r.label), running.map((i) => i.label));
    assert.ok(rows.every((r) => r.description.startsWith('running · ')), 'every row says running');
    // Filtered by the service (instance-state-name), not in the tree.
    const filteredRequests = ec2Requests.slice(beforeFilter).filter((form) => form.Action === 'DescribeInstances' && !form['InstanceId.1']);
    assert.ok(filteredRequests.length > 0);
    for (const form of filteredRequests) {
      assert.equal(form['Filter.1.Name'], 'instance-state-name');
      assert.equal(form['Filter.1.Value.1'], 'running');
      assert.equal(form['Filter.1.Value.2'], undefined);
    }
    assert.equal(filteredRequests.length, Math.ceil(running.length / INSTANCES_PAGE));
  });

  it('Export Full Listing… of a search (opened by the inline Search Events… button) writes its 40 ERROR events as JSON Lines', async function () {
    const { sparse } = h.demo.mainData.logs;
    const file = path.join(h.tmp, 'exports', 'sparse-errors.jsonl');
    await allLogGroups();

    const searchedAt = Date.now();
    await wb.inlineAction(sparse.group, 'Search Events…', 2);
    await wb.answerInput(sparse.pattern);
    await wb.pick('Last 24 hours');
    const search = await searchNodeUnder(sparse.group);
    assertLast24Hours(search, searchedAt);
    await wb.loadedChildren(search, 3);

    await wb.contextMenu(search, 'Export Full Listing…', 3);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported ${sparse.matches} events to ${path.basename(file)}`);
    const expected = sparseMatches().map(({ stream, event }) => `${exportedLine(event, stream)}\n`).join('');
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
    const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first), ['logStreamName', 'timestamp', 'message', 'ingestionTime', 'eventId', 'timestampIso', 'ingestionTimeIso']);
  });

  it('Export Full Listing… of a stream (web-1 of /demo/big) writes its 25,000 events, oldest first', async function () {
    const { big } = h.demo.mainData.logs;
    const file = path.join(h.tmp, 'exports', 'web-1-events.jsonl');
    await allLogGroups();
    await wb.expand(big.group, 2);
    await waitForChildren(big.group, 2, [big.stream], `the streams of ${big.group}`);

    await wb.contextMenu(big.stream, 'Export Full Listing…', 3);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported ${count(big.events)} events to ${path.basename(file)}`, 120_000);
    // GetLogEvents gives neither the stream nor event ids: a line holds what the API gave, and the instants.
    const expected = logStore().logStream(big.group, big.stream)!.events.map((event) => `${exportedLine(event)}\n`).join('');
    assert.equal(fs.readFileSync(file, 'utf8'), expected);
  });
});
