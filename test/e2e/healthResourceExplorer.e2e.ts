// AWS Health and Resource Explorer in the real workbench, on the demo data (the stand-ins' stores): Health Events
// paged, filtered by status, an event's entities and details, the row an account without a support plan sees; a
// Resource Explorer search that passes the cap and says so, Export All Matches… through the save dialog, and Reveal in
// Explorer on a bucket.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareEvents, type HealthEventRecord } from '../support/healthStandIn';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const LOAD_MORE = 'Load more…';
const HEALTH = 'Health Events';
const EXPLORER = 'Resource Explorer';
/** The page size setting's default, 100, within DescribeEvents' 10–100. */
const PAGE = 100;

/** An event's row: event type · service · region. */
const labelOf = (event: HealthEventRecord) => [event.eventTypeCode, event.service, event.region].filter(Boolean).join(' · ');

describe('AWS Health and Resource Explorer in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
    fs.mkdirSync(path.join(h.tmp, 'exports'), { recursive: true });
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'health-re')));
    await wb.openContainer();
  });

  /** The account's events as DescribeEvents orders them: the newest update first. */
  function accountEvents(status?: string): HealthEventRecord[] {
    const { health } = h.demo.main;
    return health.events().filter((event) => health.visibleToAccount(event) && (status === undefined || event.statusCode === status)).sort(compareEvents);
  }

  async function descriptionOf(label: string, level: number): Promise<string> {
    const row = await wb.waitForRow(label, 30_000, level);
    return ((await row.locator('.label-description').first().textContent()) ?? '').trim();
  }

  async function waitForLabels(label: string, level: number, expected: string[], what: string): Promise<void> {
    await eventually(async () => {
      assert.deepEqual((await wb.loadedChildren(label, level)).map((r) => r.label), expected);
    }, 60_000, what);
  }

  it(`Health Events beside the other services: ${PAGE} a page, newest update first, and Load more…; Filter by Status… open narrows it server-side`, async function () {
    const events = accountEvents();
    assert.equal(events.length, h.demo.mainData.health.events);
    await wb.waitForRow(HEALTH, 60_000, 1);
    const roots = (await wb.renderedRows()).filter((r) => r.level === 1).map((r) => r.label);
    assert.deepEqual(roots.slice(-3), [HEALTH, 'Health Events (organization)', EXPLORER]);

    await wb.expand(HEALTH, 1);
    await waitForLabels(HEALTH, 1, [...events.slice(0, PAGE).map(labelOf), LOAD_MORE], 'the first page of events');
    await wb.click(LOAD_MORE, 2);
    await waitForLabels(HEALTH, 1, [...events.slice(0, 2 * PAGE).map(labelOf), LOAD_MORE], 'the second page of events');

    await wb.scrollToTop();
    const before = h.demo.main.health.requestsOf('DescribeEvents').length;
    await wb.contextMenu(HEALTH, 'Filter by Status…', 1);
    await wb.pickExact('open');
    const open = accountEvents('open');
    await eventually(async () => {
      assert.match(await descriptionOf(HEALTH, 1), /^status: open · 100 loaded · more$/);
    }, 30_000, 'the node says its filter');
    await waitForLabels(HEALTH, 1, [...open.slice(0, PAGE).map(labelOf), LOAD_MORE], 'the open events');
    const sent = h.demo.main.health.requestsOf('DescribeEvents').slice(before);
    assert.ok(sent.length > 0 && sent.every((input) => JSON.stringify((input.filter as { eventStatusCodes?: string[] }).eventStatusCodes) === '["open"]'), 'filtered by the service');

    await wb.contextMenu(HEALTH, 'Clear Filter', 1);
    await waitForLabels(HEALTH, 1, [...events.slice(0, PAGE).map(labelOf), LOAD_MORE], 'every event again');
  });

  it('an event expands to its affected entities; Show Details opens DescribeEventDetails', async function () {
    const { health } = h.demo.main;
    const events = accountEvents();
    // Rows are found by label, the first rendered from the top, and events of one type, service and Region share a
    // label (their start times differ): take an event with entities that comes first among those with its label, and
    // look for it from the top of the tree each time.
    const firstPage = events.slice(0, PAGE);
    const index = firstPage.findIndex((event, at) => health.entities(event.arn).length > 0 && firstPage.findIndex((other) => labelOf(other) === labelOf(event)) === at);
    assert.ok(index >= 0, 'an event with entities, the first with its label, on the first page');
    const event = events[index];
    await wb.expand(HEALTH, 1);
    await wb.loadedChildren(HEALTH, 1);
    await wb.scrollToTop();
    await wb.expand(labelOf(event), 2);
    const entities = health.entities(event.arn).filter((entity) => entity.awsAccountId === health.account);
    await eventually(async () => {
      await wb.scrollToTop();
      const rows = await wb.loadedChildren(labelOf(event), 2);
      assert.deepEqual(rows.map((r) => r.label).sort(), entities.map((entity) => entity.entityValue).sort());
    }, 30_000, 'its entities');

    await wb.scrollToTop();
    await wb.contextMenu(labelOf(event), 'Show Details', 2);
    await eventually(async () => {
      const tab = await wb.page.locator('.tabs-container .tab.active').first().textContent();
      assert.match(tab ?? '', /DescribeEventDetails/);
    }, 30_000, 'the details editor');
  });

  it('without a Business or Enterprise support plan, Health Events is one row that says so and links the Health Dashboard; one request, no retry', async function () {
    const { health } = h.demo.main;
    health.subscriptionRequired = true;
    try {
      const before = health.requests.length;
      await wb.expand(HEALTH, 1);
      const rows = await eventually(async () => {
        const children = await wb.loadedChildren(HEALTH, 1);
        assert.equal(children.length, 1);
        assert.match(children[0].label, /needs a Business, Enterprise On-Ramp or Enterprise Support plan/);
        return children;
      }, 30_000, 'the notice');
      assert.equal(rows[0].description, 'Open the AWS Health Dashboard');
      await wb.page.waitForTimeout(2000);
      assert.equal(health.requests.slice(before).filter((request) => request.operation === 'DescribeEvents').length, 1, 'asked once, not retried');
    } finally {
      health.subscriptionRequired = false;
    }
  });

  it('Search… for service:s3 passes the 1,000 cap and says so; Export All Matches… writes every match once', async function () {
    const store = h.demo.main.resourceExplorer;
    const buckets = store.resources().filter((resource) => resource.service === 's3').map((resource) => resource.arn);
    assert.ok(buckets.length > 1000, `${buckets.length} buckets in the demo`);
    await wb.expand(EXPLORER, 1);
    await waitForLabels(EXPLORER, 1, ['Search…', 'All Resources', 'Views', 'Indexes'], 'the Resource Explorer rows');
    await wb.click('Search…', 2);
    await wb.answerInput('service:s3');
    // The demo Region has two views: the default one is offered first.
    await wb.pickExact('The default view');
    const search = 'Search: service:s3';
    await eventually(async () => {
      assert.match(await descriptionOf(search, 2), /^100 loaded · more · 1,000 of more \(Resource Explorer stops at 1,000 a query\)$/);
    }, 60_000, 'the search node says it stops at 1,000');

    const file = path.join(h.tmp, 'exports', 'buckets.jsonl');
    await wb.contextMenu(search, 'Export All Matches…', 2);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported ${buckets.length.toLocaleString('en-US')} resources to buckets.jsonl`, 180_000);
    const written = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { Arn: string }).Arn);
    assert.equal(written.length, buckets.length, 'more than 1,000, one line each');
    assert.deepEqual([...written].sort(), [...buckets].sort());
  });

  it('Reveal in Explorer on a bucket Resource Explorer found opens it under Favorites, listable', async function () {
    await wb.expand(EXPLORER, 1);
    await wb.loadedChildren(EXPLORER, 1);
    await wb.click('Search…', 2);
    await wb.answerInput('id:demo-archive');
    await wb.pickExact('The default view');
    const search = 'Search: id:demo-archive';
    await waitForLabels(search, 2, ['demo-archive'], 'the bucket found');
    await wb.contextMenu('demo-archive', 'Reveal in Explorer', 3);
    await wb.waitForRow('Favorites', 30_000, 1);
    await eventually(async () => {
      const rows = await wb.loadedChildren('demo-archive', 2);
      assert.deepEqual(rows.slice(0, 4).map((r) => r.label), ['Inventory Reports', 'images/', 'readme.txt', 'reports/']);
    }, 60_000, 'the bucket\'s objects under Favorites');
  });
});
