// AWS Health against the Health stand-in (test/support/healthStandIn.ts), through the real SDK client and the fault
// proxy: the tree, the filters, entities, details, the organization's view, an account without a support plan, and
// exports of a list that moves while it is paged (updated events, refused tokens, a SIGKILL).
import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { consoleHost } from '../../src/core/aws/partition';
import { filterByCategory, filterByRegion, filterByService, filterByStatus } from '../../src/core/services/health/filterActions';
import { itemKindOf, kindOf } from '../../src/core/services/registry';
import { type ListAction, type Prompter } from '../../src/core/services/service';
import { detailsOf, listContext, listDescription, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { idOf, type ListRef } from '../../src/core/lists';
import { testSession, useEmulator } from '../support/emulator';
import { compareEntities, DEFAULT_ACCOUNT, type HealthEventRecord } from '../support/healthStandIn';
import { builtCli, nodeBinary, runProcess } from '../support/cli';

const events: ListRef = { kind: 'health.events', params: {} };
const organization: ListRef = { kind: 'health.organizationEvents', params: {} };
const OTHER = '234567890123';
const THIRD = '345678901234';
const EVENT_COLUMNS = 'arn,service,eventTypeCode,eventTypeCategory,region,availabilityZone,startTime,endTime,lastUpdatedTime,statusCode,eventScopeCode,actionability,personas';

/** An event as the AWS CLI prints it (and the export writes it): the API's fields in its order, dates in ISO 8601. */
function expectedRecord(event: HealthEventRecord): Record<string, unknown> {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    arn: event.arn, service: event.service, eventTypeCode: event.eventTypeCode, eventTypeCategory: event.eventTypeCategory, region: event.region,
    ...(event.availabilityZone !== undefined ? { availabilityZone: event.availabilityZone } : {}),
    startTime: iso(event.startTime), ...(event.endTime !== undefined ? { endTime: iso(event.endTime) } : {}), lastUpdatedTime: iso(event.lastUpdatedTime),
    statusCode: event.statusCode, eventScopeCode: event.eventScopeCode,
    ...(event.actionability !== undefined ? { actionability: event.actionability } : {}), ...(event.personas !== undefined ? { personas: event.personas } : {}),
  };
}

/** Answers the questions in order: a pick by its label, an input with the text. */
function answering(answers: string[], seen: { choices?: string[] } = {}): Prompter {
  return {
    pick: async ({ choices }) => {
      seen.choices = choices.map((choice) => choice.label);
      const answer = answers.shift();
      return choices.find((choice) => choice.label === answer)?.value;
    },
    input: async ({ validate }) => {
      const answer = answers.shift();
      assert.equal(validate?.(answer ?? ''), undefined);
      return answer;
    },
  };
}

describe('AWS Health against the Health stand-in', function () {
  const env = useEmulator(async () => undefined, { maxAttempts: 1 });
  const store = () => env.emulator.health;
  const requests = (operation: string) => store().requestsOf(operation);
  const visible = () => store().events().filter((event) => store().visibleToAccount(event));
  const model = (pageSize: number, session = env.session) => new TreeModel({ clients: async () => session, pageSize: () => pageSize });

  before(function () {
    store().seedEvents(2345, { accounts: [DEFAULT_ACCOUNT] });
  });
  beforeEach(function () {
    store().requests.length = 0;
  });

  it('the tree pages the 2,345 events newest update first, in pages of the page size (maxResults 10–100), signed for us-east-1 whatever the connection\'s region', async function () {
    const elsewhere = testSession(env.proxy.endpoint, { region: 'eu-west-1', maxAttempts: 1 });
    try {
      const tree = model(100, elsewhere);
      await tree.ensureLoaded(events);
      const first = tree.snapshot(events);
      assert.equal(first.items.length, 100);
      assert.equal(rowsOf(first).at(-1)?.type, 'loadMore');
      assert.equal((await tree.loadAll(events)).outcome, 'complete');
      const shown = tree.snapshot(events).items;
      assert.equal(shown.length, 2345);
      assert.deepEqual(shown.map((item) => item.id), visible().map((event) => event.arn));
      assert.equal(requests('DescribeEvents').length, 24);
      assert.ok(requests('DescribeEvents').every((input) => input.maxResults === 100 && input.filter === undefined), 'the tree lists live: no time window');
      assert.deepEqual([...new Set(store().requests.map((request) => request.region))], ['us-east-1']);
    } finally {
      elsewhere.dispose();
    }
    for (const [setting, sent] of [[5, 10], [1000, 100]] as const) {
      store().requests.length = 0;
      await model(setting).ensureLoaded(events);
      assert.equal(requests('DescribeEvents')[0].maxResults, sent);
    }
  });

  it('a row is "event type · service · region", its status, its start time and an icon by category and status; its record is the Event as the AWS CLI prints it', async function () {
    const tree = model(10);
    await tree.ensureLoaded(events);
    const [row] = tree.snapshot(events).items;
    const event = visible()[0];
    assert.equal(row.name, `${event.eventTypeCode} · ${event.service} · ${event.region}`);
    assert.equal(row.description, event.statusCode);
    assert.equal(row.time, new Date(event.startTime).toISOString());
    assert.equal(row.itemKind, `healthEvent.${event.eventTypeCategory}.${event.statusCode}`);
    assert.equal(idOf(row, 'ARN'), event.arn);
    assert.deepEqual(row.children, { kind: 'health.entities', params: { event: event.arn } });
    assert.equal(JSON.stringify(row.record), JSON.stringify(expectedRecord(event)));
    const icons = Object.fromEntries(['issue.open', 'issue.closed', 'issue.upcoming', 'accountNotification.open', 'scheduledChange.upcoming', 'investigation.open']
      .map((kind) => [kind, itemKindOf(`healthEvent.${kind}`)?.icon]));
    assert.deepEqual(icons, {
      'issue.open': 'warning', 'issue.closed': 'pass', 'issue.upcoming': 'calendar', 'accountNotification.open': 'bell-dot', 'scheduledChange.upcoming': 'calendar',
      'investigation.open': 'search',
    });
    const host = consoleHost('aws')!;
    assert.equal(kindOf(events).console?.item?.(row, {}, { region: 'eu-west-1', partition: 'aws' }, host),
      `https://console.aws.amazon.com/health/home?region=eu-west-1#/account/event-log?eventID=${event.arn}&eventTab=details`);
    assert.equal(kindOf(events).console?.list?.({}, { region: 'eu-west-1', partition: 'aws' }, host),
      'https://console.aws.amazon.com/health/home?region=eu-west-1#/account/dashboard/open-issues');
  });

  it('a Load more whose token the service refuses loads the events after the last row instead (a Load more left open too long)', async function () {
    const tree = model(50);
    await tree.ensureLoaded(events);
    env.proxy.setRule((request) => (request.action === 'DescribeEvents' && request.token !== undefined ? { kind: 'refuseToken' } : undefined));
    assert.equal(await tree.loadMore(events, tree.snapshot(events).nextToken!), true);
    const shown = tree.snapshot(events);
    assert.equal(shown.failure, undefined);
    // Listed again up to the last row's lastUpdatedTime, inclusive: that row comes first and is skipped.
    assert.deepEqual(shown.items.map((item) => item.id), visible().slice(0, 99).map((event) => event.arn));
    const [, fallback] = requests('DescribeEvents');
    assert.equal(fallback.nextToken, undefined);
    assert.equal(Math.round((fallback.filter as { lastUpdatedTimes: Array<{ to: number }> }).lastUpdatedTimes[0].to * 1000), visible()[49].lastUpdatedTime);
  });

  it('Filter by Status…, Category…, Service…, Region… narrow the node\'s list server-side and combine; "Any …" and Clear Filter take them away', async function () {
    const tree = model(100);
    /** What src/commands/listActions.ts does with a narrowing action: its changed params become the node's filters. */
    const narrow = async (action: ListAction, answers: string[], seen?: { choices?: string[] }) => {
      const shown = tree.withFilter(events);
      const list = (await action.open({ list: shown }, env.session, answering(answers, seen), {}))!;
      const changed = [...new Set([...Object.keys(list.params), ...Object.keys(shown.params)])].filter((param) => list.params[param] !== shown.params[param]);
      return tree.narrow(events, Object.fromEntries(changed.map((param) => [param, list.params[param] ?? ''])));
    };
    const truth = (keep: (event: HealthEventRecord) => boolean) => visible().filter(keep).map((event) => event.arn);
    const shownArns = async (list: ListRef) => {
      await tree.loadAll(list);
      return tree.snapshot(list).items.map((item) => item.id);
    };

    const open = await narrow(filterByStatus, ['open']);
    assert.deepEqual(open, { kind: 'health.events', params: { status: 'open' } });
    assert.deepEqual(await shownArns(open), truth((event) => event.statusCode === 'open'));
    assert.deepEqual(requests('DescribeEvents').at(-1)?.filter, { eventStatusCodes: ['open'] });

    const seen: { choices?: string[] } = {};
    const openEc2 = await narrow(filterByService, ['EC2'], seen);
    assert.ok(requests('DescribeEventTypes').length > 0, 'the services offered come from DescribeEventTypes');
    assert.ok(['EC2', 'S3', 'IAM'].every((service) => seen.choices?.includes(service)));
    assert.deepEqual(openEc2.params, { status: 'open', service: 'EC2' });
    await narrow(filterByCategory, ['issue']);
    const regional = await narrow(filterByRegion, ['Other Region…', 'us-east-1, eu-west-1']);
    assert.deepEqual(regional.params, { status: 'open', service: 'EC2', category: 'issue', region: 'us-east-1,eu-west-1' });
    const expected = truth((event) => event.statusCode === 'open' && event.service === 'EC2' && event.eventTypeCategory === 'issue' && ['us-east-1', 'eu-west-1'].includes(event.region));
    assert.ok(expected.length > 0);
    assert.deepEqual(await shownArns(regional), expected);
    assert.deepEqual(requests('DescribeEvents').at(-1)?.filter, {
      eventStatusCodes: ['open'], eventTypeCategories: ['issue'], services: ['EC2'], regions: ['us-east-1', 'eu-west-1'],
    });
    const snapshot = tree.snapshot(regional);
    assert.equal(listDescription(snapshot, events, tree.filtersOf(events)), `status: open · service: EC2 · category: issue · region: us-east-1,eu-west-1 · ${expected.length}`);
    assert.ok(listContext(snapshot, events, true).includes('health.events'));

    const anyStatus = await narrow(filterByStatus, ['Any status']);
    assert.deepEqual(anyStatus.params, { service: 'EC2', category: 'issue', region: 'us-east-1,eu-west-1' });
    assert.deepEqual(tree.setFilters(events, {}), events, 'Clear Filter');
  });

  it('an event expands to its affected entities (DescribeAffectedEntities, filter.eventArns), paged', async function () {
    const event = store().addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_INSTANCE_RETIREMENT_SCHEDULED', eventTypeCategory: 'scheduledChange', statusCode: 'upcoming' });
    store().addEntities(event.arn, Array.from({ length: 25 }, (_, i) => ({ entityValue: `i-${String(i).padStart(17, '0')}`, lastUpdatedTime: event.lastUpdatedTime - i * 1000, statusCode: 'PENDING' as const })));
    const tree = model(5);
    await tree.ensureLoaded(events);
    const row = tree.snapshot(events).items.find((item) => item.id === event.arn)!;
    await tree.loadAll(row.children!);
    const entities = tree.snapshot(row.children!).items;
    assert.deepEqual(entities.map((item) => item.name), [...store().entities(event.arn)].sort(compareEntities).map((entity) => entity.entityValue));
    assert.equal(entities[0].description, 'PENDING');
    assert.deepEqual(Object.keys(entities[0].record), ['entityArn', 'eventArn', 'entityValue', 'awsAccountId', 'lastUpdatedTime', 'statusCode']);
    assert.deepEqual(requests('DescribeAffectedEntities').map((input) => [input.filter, input.maxResults, input.nextToken === undefined]),
      [[{ eventArns: [event.arn] }, 10, true], [{ eventArns: [event.arn] }, 10, false], [{ eventArns: [event.arn] }, 10, false]]);
  });

  it('Show Details: DescribeEventDetails of that one event, with its description and metadata', async function () {
    const event = store().addEvent({
      service: 'RDS', eventTypeCode: 'AWS_RDS_MAINTENANCE_SCHEDULED', eventTypeCategory: 'scheduledChange', statusCode: 'upcoming',
      description: 'Maintenance of db-1 on Sunday.', metadata: { maintenance_window: '2026-01-04T02:00Z/2026-01-04T04:00Z' },
    });
    const tree = model(10);
    await tree.ensureLoaded(events);
    const row = tree.snapshot(events).items.find((item) => item.id === event.arn)!;
    const details = await detailsOf(events, row)!.fetch(env.session, {});
    assert.deepEqual(requests('DescribeEventDetails'), [{ eventArns: [event.arn] }]);
    assert.deepEqual(details.eventDescription, { latestDescription: 'Maintenance of db-1 on Sunday.' });
    assert.deepEqual(details.eventMetadata, { maintenance_window: '2026-01-04T02:00Z/2026-01-04T04:00Z' });
    assert.equal((details.event as Record<string, unknown>).startTime, new Date(event.startTime).toISOString());
  });

  it('the organization\'s list is there only where the organizational view is ENABLED; an event expands to its accounts, an account to its entities', async function () {
    assert.equal(await kindOf(organization).available!(env.session, {}), true);
    try {
      store().organizationAccess = 'DISABLED';
      assert.equal(await kindOf(organization).available!(env.session, {}), false);
    } finally {
      store().organizationAccess = 'ENABLED';
    }
    const theirs = store().addEvent({ service: 'RDS', eventTypeCode: 'AWS_RDS_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', accounts: [OTHER, THIRD] });
    store().addEntities(theirs.arn, [{ entityValue: 'db-1', awsAccountId: OTHER }, { entityValue: 'db-2', awsAccountId: OTHER }, { entityValue: 'db-3', awsAccountId: THIRD }]);
    const tree = model(100);
    await tree.loadAll(organization);
    const shown = tree.snapshot(organization).items;
    assert.deepEqual(shown.map((item) => item.id), store().events().filter((event) => store().visibleToOrganization(event)).map((event) => event.arn));
    assert.ok(!visible().some((event) => event.arn === theirs.arn), 'not in the account\'s own list');
    const row = shown[0];
    assert.equal(row.id, theirs.arn);
    assert.deepEqual(row.children, { kind: 'health.affectedAccounts', params: { event: theirs.arn } });
    const publicRow = shown.find((item) => item.record.eventScopeCode === 'PUBLIC')!;
    assert.deepEqual(publicRow.children, { kind: 'health.organizationEntities', params: { event: publicRow.id } }, 'a public event: its entities in every account');

    await tree.loadAll(row.children!);
    const accounts = tree.snapshot(row.children!).items;
    assert.deepEqual(accounts.map((item) => item.name), [OTHER, THIRD]);
    await tree.loadAll(accounts[0].children!);
    const entities = tree.snapshot(accounts[0].children!).items;
    assert.deepEqual(entities.map((item) => item.name).sort(), ['db-1', 'db-2']);
    assert.equal(entities[0].description, `IMPAIRED · ${OTHER}`);
    assert.deepEqual(requests('DescribeAffectedEntitiesForOrganization').at(-1)?.organizationEntityAccountFilters, [{ eventArn: theirs.arn, awsAccountId: OTHER }]);

    const details = await detailsOf(row.children!, accounts[1])!.fetch(env.session, {});
    assert.equal(details.awsAccountId, THIRD);
    const eventDetails = await detailsOf(organization, row)!.fetch(env.session, {});
    assert.equal(eventDetails.awsAccountId, OTHER, 'an account-specific event: its first affected account');
    assert.deepEqual(requests('DescribeEventDetailsForOrganization').map((input) => input.organizationEventDetailFilters), [
      [{ eventArn: theirs.arn, awsAccountId: THIRD }], [{ eventArn: theirs.arn, awsAccountId: OTHER }],
    ]);
  });

  it('without a Business, Enterprise On-Ramp or Enterprise Support plan the list shows one notice row with the dashboard\'s link: one request, no retry', async function () {
    const session = testSession(env.proxy.endpoint);
    store().subscriptionRequired = true;
    try {
      const tree = model(100, session);
      await tree.ensureLoaded(events);
      await tree.ensureLoaded(events);
      const rows = rowsOf(tree.snapshot(events));
      assert.equal(rows.length, 1);
      const [notice] = rows;
      assert.ok(notice.type === 'notice');
      assert.equal(notice.problem.kind, 'unavailable');
      assert.equal(notice.problem.retryable, false);
      assert.match(notice.problem.message, /Business, Enterprise On-Ramp or Enterprise Support plan/);
      assert.equal(notice.problem.link?.url, 'https://health.aws.amazon.com/health/home#/account/dashboard/open-issues');
      assert.equal(requests('DescribeEvents').length, 1, 'one request (the session retries up to 3 attempts)');
      await assert.rejects(kindOf(organization).available!(session, {}), { name: 'SubscriptionRequiredException' });
    } finally {
      store().subscriptionRequired = false;
      session.dispose();
    }
  });

  describe('export', function () {
    let dir: string;
    let checkpoints: FileCheckpointStore;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-health-'));
      checkpoints = new FileCheckpointStore(path.join(dir, 'state'));
    });
    afterEach(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const job = (list: ListRef, format: 'jsonl' | 'csv', pageSize: number, name: string): ExportJob =>
      ({ target: listingTarget(env.session.connection), list, pageSize, format, outputPath: path.join(dir, name) });
    const arnsIn = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { arn: string }).arn);
    /** The lastUpdatedTimes window of a DescribeEvents request, in epoch milliseconds. */
    const windowOf = (input: Record<string, unknown>) => {
      const [range] = (input.filter as { lastUpdatedTimes?: Array<{ from?: number; to?: number }> } | undefined)?.lastUpdatedTimes ?? [];
      return { from: range?.from === undefined ? undefined : Math.round(range.from * 1000), to: range?.to === undefined ? undefined : Math.round(range.to * 1000) };
    };

    it('every event as JSON Lines, the stand-in\'s ground truth: one listing frozen at the export\'s start, then one empty "updated since" request', async function () {
      const result = await startExport(env.session, job(events, 'jsonl', 100, 'events.jsonl'), { store: checkpoints });
      const truth = visible();
      assert.equal(result.itemsWritten, truth.length);
      assert.equal(fs.readFileSync(result.job.outputPath, 'utf8'), truth.map((event) => `${JSON.stringify(expectedRecord(event))}\n`).join(''));
      const asOf = Date.parse(result.job.asOf!);
      const sent = requests('DescribeEvents');
      assert.equal(sent.length, Math.ceil(truth.length / 100) + 1);
      assert.ok(sent.slice(0, -1).every((input) => windowOf(input).from === undefined && windowOf(input).to === asOf), 'frozen at the export\'s start');
      const since = sent.at(-1)!;
      assert.equal(windowOf(since).from, asOf + 1);
      assert.ok(windowOf(since).to! >= asOf + 1);
      assert.equal(since.nextToken, undefined);
      const csv = await startExport(env.session, job({ kind: 'health.events', params: { status: 'upcoming' } }, 'csv', 100, 'upcoming.csv'), { store: checkpoints });
      const [header, ...rows] = fs.readFileSync(csv.job.outputPath, 'utf8').split('\r\n').filter(Boolean);
      assert.equal(header, EVENT_COLUMNS);
      assert.equal(rows.length, truth.filter((event) => event.statusCode === 'upcoming').length);
    });

    it('events updated while the export pages: every event is written exactly once, none lost, none twice', async function () {
      const before = visible().map((event) => event.arn);
      // Two already returned (each makes the next page skip an unchanged event) and two not yet (they leave the window).
      const updated = [before[5], before[60], before[150], before[1500]];
      let describeEvents = 0;
      env.proxy.setRule((request) => {
        if (request.action === 'DescribeEvents' && ++describeEvents === 3) {
          updated.forEach((arn) => store().updateEvent(arn, { statusCode: 'closed', endTime: Date.now() }));
        }
        return undefined;
      });
      const result = await startExport(env.session, job(events, 'jsonl', 50, 'moving.jsonl'), { store: checkpoints });
      const written = arnsIn(result.job.outputPath);
      assert.equal(written.length, new Set(written).size, 'none twice');
      assert.deepEqual([...written].sort(), [...before].sort(), 'none lost');
      const records = new Map(fs.readFileSync(result.job.outputPath, 'utf8').split('\n').filter(Boolean).map((line) => [(JSON.parse(line) as { arn: string }).arn, JSON.parse(line) as { statusCode: string }]));
      assert.equal(records.get(before[1500])?.statusCode, 'closed', 'an event updated before it was listed is written as it is now');

      const asOf = Date.parse(result.job.asOf!);
      const windows = requests('DescribeEvents').map(windowOf);
      const passes = windows.filter((window, i) => i === 0 || JSON.stringify(window) !== JSON.stringify(windows[i - 1]));
      assert.equal(passes.length, 4, 'the frozen set, the updated ones, everything up to that anchor again, then nothing updated since');
      assert.deepEqual(passes[0], { from: undefined, to: asOf });
      assert.equal(passes[1].from, asOf + 1);
      assert.deepEqual(passes[2], { from: undefined, to: passes[1].to });
      assert.equal(passes[3].from, passes[1].to! + 1);
    });

    it('a checkpoint keeps the pass: an export stopped while it lists everything again resumes there, and writes every event once', async function () {
      const before = visible().map((event) => event.arn);
      let describeEvents = 0;
      let asOf: number | undefined;
      let secondPass = 0;
      const controller = new AbortController();
      env.proxy.setRule((request) => {
        if (request.action !== 'DescribeEvents') {
          return undefined;
        }
        describeEvents++;
        if (describeEvents === 4) {
          [before[10], before[20], before[700]].forEach((arn) => store().updateEvent(arn));
        }
        const window = windowOf(request.input as Record<string, unknown>);
        asOf ??= window.to;
        // The third request of the second full pass (everything up to the anchor of the "updated since" pass).
        if (window.from === undefined && window.to !== asOf && request.token !== undefined && ++secondPass === 2) {
          controller.abort();
        }
        return undefined;
      });
      const j = job(events, 'jsonl', 100, 'stopped.jsonl');
      await assert.rejects(startExport(env.session, j, { store: checkpoints, signal: controller.signal }), { name: 'AbortError' });
      const checkpoint = (await checkpoints.load(checkpointId(j)))!;
      assert.equal((JSON.parse(checkpoint.nextToken) as { pass: number }).pass, 2);
      env.proxy.setRule(undefined);
      store().requests.length = 0;
      const result = await resumeExport(env.session, checkpoint, { store: checkpoints });
      const first = requests('DescribeEvents')[0];
      assert.ok(first.nextToken !== undefined && windowOf(first).from === undefined && windowOf(first).to !== asOf, 'resumed in the second full pass, with its token');
      const written = arnsIn(result.job.outputPath);
      assert.equal(written.length, new Set(written).size);
      assert.deepEqual([...written].sort(), [...before].sort());
    });

    it('refused tokens: the export goes on from the last event written (the events of that instant skipped) and ends byte for byte as the uninterrupted one', async function () {
      // 60 events updated at one instant, the newest: the first page of 50 ends inside them.
      const t = Math.max(...store().events().map((event) => event.lastUpdatedTime)) + 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (let i = 0; i < 60; i++) {
        store().addEvent({ service: 'EC2', eventTypeCode: 'AWS_EC2_OPERATIONAL_ISSUE', eventTypeCategory: 'issue', lastUpdatedTime: t, id: `TIE_${String(i).padStart(2, '0')}` });
      }
      const reference = await startExport(env.session, job(events, 'jsonl', 50, 'reference.jsonl'), { store: checkpoints });
      let tokened = 0;
      env.proxy.setRule((request) => (request.action === 'DescribeEvents' && request.token !== undefined && tokened++ % 6 === 0 ? { kind: 'refuseToken' } : undefined));
      store().requests.length = 0;
      const resumedAt: string[] = [];
      const refused = await startExport(env.session, job(events, 'jsonl', 50, 'refused.jsonl'), { store: checkpoints, onResumedAt: (after) => resumedAt.push(after) });
      assert.ok(resumedAt.length >= 5, `${resumedAt.length} refusals`);
      const firstResume = JSON.parse(resumedAt[0]) as { t: number; ids: string[] };
      assert.equal(firstResume.t, t);
      assert.equal(firstResume.ids.length, 50);
      const fallback = requests('DescribeEvents')[1];
      assert.deepEqual([fallback.nextToken, windowOf(fallback).to], [undefined, t], 'listed again up to the last event written');
      assert.equal(refused.itemsWritten, reference.itemsWritten);
      assert.ok(fs.readFileSync(refused.job.outputPath).equals(fs.readFileSync(reference.job.outputPath)), 'byte for byte');
    });

    it('the CLI exports health:events?status=open and, killed (SIGKILL) mid-export, resumes to the same bytes; --help lists the Health addresses', async function () {
      const cli = await builtCli();
      let current: ChildProcess | undefined;
      let killAt: number | undefined;
      let describeEvents = 0;
      env.proxy.setRule((request) => {
        if (request.action === 'DescribeEvents' && ++describeEvents === killAt) {
          current?.kill('SIGKILL');
        }
        return undefined;
      });
      const run = async (args: readonly string[]) => {
        describeEvents = 0;
        try {
          return await runProcess(nodeBinary, [cli, ...args, '--state-dir', path.join(dir, 'state')], {
            cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: env.proxy.endpoint, AWS_REGION: 'eu-west-1' }, onSpawn: (child) => (current = child),
          });
        } finally {
          current = undefined;
        }
      };
      const expected = await run(['health:events?status=open', '--out', 'expected.jsonl', '--page-size', '50']);
      assert.equal(expected.code, 0, expected.stderr);
      const open = visible().filter((event) => event.statusCode === 'open');
      assert.equal(expected.stderr, `Exported ${open.length.toLocaleString('en-US')} events to expected.jsonl\n`);
      assert.deepEqual(arnsIn(path.join(dir, 'expected.jsonl')), open.map((event) => event.arn));
      killAt = 6;
      const killed = await run(['health:events?status=open', '--out', 'killed.jsonl', '--page-size', '50']);
      assert.equal(killed.signal, 'SIGKILL');
      killAt = undefined;
      const resumed = await run(['health:events?status=open', '--out', 'killed.jsonl']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /^Resuming: [\d,]+ events written/);
      assert.ok(fs.readFileSync(path.join(dir, 'killed.jsonl')).equals(fs.readFileSync(path.join(dir, 'expected.jsonl'))), 'byte for byte the uninterrupted file');
      const help = await run(['--help']);
      for (const form of ['health:events[?status=S&category=C&service=SVC&region=R]', 'health:event/ARN', 'health:organization-events', 'health:organization-event/ARN', 'health:organization-entities/ARN[?account=ID]']) {
        assert.ok(help.stdout.includes(form), form);
      }
    });
  });
});
