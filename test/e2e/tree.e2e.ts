// The Resources tree in the real workbench, against the seeded emulator: what a user sees and clicks.
import * as assert from 'node:assert/strict';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const LOAD_MORE = 'Load more…';

/** A folder row's name without the trailing slash, however the tree shows it. */
function folderName(label: string): string {
  return label.replace(/\/$/, '');
}

describe('Resources tree in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'tree')));
    await wb.openContainer();
  });

  it('shows the two root lists, SNS Topics and S3 Buckets', async function () {
    await wb.waitForRow('SNS Topics', 60_000);
    await wb.waitForRow('S3 Buckets');
    const roots = (await wb.renderedRows()).filter((r) => r.level === 1).map((r) => r.label);
    assert.deepEqual(roots, ['SNS Topics', 'S3 Buckets']);
  });

  it('SNS Topics: the first page is 100 topics and "Load more…"; clicking it loads all 250 and the row goes', async function () {
    const topics = h.demo.mainData.topics.map((t) => t.name);
    await wb.expand('SNS Topics', 1);
    const firstPage = await wb.loadedChildren('SNS Topics', 1);
    assert.deepEqual(firstPage.map((r) => r.label), [...topics.slice(0, 100), LOAD_MORE]);

    await wb.click(LOAD_MORE, 2);
    const secondPage = await eventually(async () => {
      const rows = await wb.loadedChildren('SNS Topics', 1);
      assert.ok(rows.length > 101, `still ${rows.length} rows`);
      return rows;
    }, 60_000, 'the second page');
    assert.deepEqual(secondPage.map((r) => r.label), [...topics.slice(0, 200), LOAD_MORE]);

    await wb.click(LOAD_MORE, 2);
    const all = await eventually(async () => {
      const rows = await wb.loadedChildren('SNS Topics', 1);
      assert.ok(!rows.some((r) => r.label === LOAD_MORE), 'Load more… is still there');
      return rows;
    }, 60_000, 'the last page');
    assert.deepEqual(all.map((r) => r.label), topics);
  });

  it('a topic expands to its subscriptions', async function () {
    const topic = h.demo.mainData.topics[1];
    await wb.expand('SNS Topics', 1);
    await wb.expand(topic.name, 2);
    const rows = await wb.loadedChildren(topic.name, 2);
    const shown = rows.map((r) => `${r.label} ${r.description}`);
    for (const email of topic.subscriptions) {
      assert.ok(shown.some((text) => text.includes(email)), `subscription ${email} is not shown in ${JSON.stringify(shown)}`);
    }
    assert.equal(rows.length, topic.subscriptions.length);
  });

  it('S3 Buckets: a bucket and a folder expand to their folders and objects', async function () {
    await wb.expand('S3 Buckets', 1);
    const buckets = await wb.loadedChildren('S3 Buckets', 1);
    assert.deepEqual(buckets.map((r) => r.label), h.demo.mainData.buckets.map((b) => b.name));

    await wb.expand('demo-archive', 2);
    const top = await wb.loadedChildren('demo-archive', 2);
    // Folders and objects in S3's key order.
    assert.deepEqual(top.map((r) => folderName(r.label)), ['images', 'readme.txt', 'reports']);
    const reports = top.find((r) => folderName(r.label) === 'reports')!.label;
    await wb.expand(reports, 3);
    const years = await wb.loadedChildren(reports, 3);
    assert.deepEqual(years.map((r) => folderName(r.label)), ['2023', '2024']);
  });
});
