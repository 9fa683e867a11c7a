// The Resources tree in the real workbench, against the seeded emulator: what a user sees and clicks.
import * as assert from 'node:assert/strict';
import { docsScreenshot } from './support/artifacts';
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
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'tree')), { clipboard: true });
    await wb.openContainer();
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

  it('Load All (inline on SNS Topics) loads every page, the row shows the total, and Copy… copies a topic\'s ARN (ARN or Name, picked)', async function () {
    const topics = h.demo.mainData.topics;
    await wb.expand('SNS Topics', 1);
    await wb.loadedChildren('SNS Topics', 1);
    await wb.inlineAction('SNS Topics', 'Load All', 1);
    const all = await eventually(async () => {
      const rows = await wb.loadedChildren('SNS Topics', 1);
      assert.ok(!rows.some((r) => r.label === LOAD_MORE), 'Load more… is still there');
      return rows;
    }, 60_000, 'every page');
    assert.deepEqual(all.map((r) => r.label), topics.map((t) => t.name));
    await wb.scrollToTop();
    const root = (await wb.renderedRows()).find((r) => r.level === 1 && r.label === 'SNS Topics');
    assert.equal(root?.description, String(topics.length), 'the list node shows the total');

    await wb.contextMenu(topics[0].name, 'Copy…', 2);
    assert.deepEqual(await eventually(async () => {
      const labels = await wb.quickPickLabels();
      assert.ok(labels.length > 0);
      return labels;
    }, 10_000, 'the identifiers to pick from'), ['ARN', 'Name']);
    await wb.pickExact('ARN');
    const copied = await eventually(async () => {
      const text = await wb.page.evaluate('navigator.clipboard.readText()') as string;
      assert.ok(text.startsWith('arn:'), `clipboard: ${JSON.stringify(text)}`);
      return text;
    }, 10_000, 'the ARN on the clipboard');
    assert.equal(copied, topics[0].arn);

    // The view's keys: Ctrl+C copies the selected row's ARN.
    await wb.page.evaluate('navigator.clipboard.writeText("")');
    await (await wb.waitForRow(topics[1].name, 30_000, 2)).click();
    await wb.page.keyboard.press('Control+C');
    await eventually(async () => {
      assert.equal(await wb.page.evaluate('navigator.clipboard.readText()'), topics[1].arn);
    }, 10_000, 'Ctrl+C to copy the selected topic\'s ARN');
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
    // Its Inventory Reports (the demo bucket has inventory configurations), then folders and objects in S3's key order.
    assert.deepEqual(top.map((r) => folderName(r.label)), ['Inventory Reports', 'images', 'readme.txt', 'reports']);
    const reports = top.find((r) => folderName(r.label) === 'reports')!.label;
    await wb.expand(reports, 3);
    const years = await wb.loadedChildren(reports, 3);
    assert.deepEqual(years.map((r) => folderName(r.label)), ['2023', '2024']);
  });

  it('Filter by Prefix… on a folder lists only the keys under that prefix', async function () {
    const keys = h.demo.mainData.buckets.find((b) => b.name === 'demo-archive')!.keys
      .filter((k) => k.startsWith('images/img-000')).map((k) => k.slice('images/'.length));
    await wb.expand('S3 Buckets', 1);
    await wb.expand('demo-archive', 2);
    const images = (await wb.loadedChildren('demo-archive', 2)).find((r) => folderName(r.label) === 'images')!.label;
    await wb.contextMenu(images, 'Filter by Prefix…', 3);
    await wb.answerInput('img-000');
    const rows = await eventually(async () => {
      const shown = await wb.loadedChildren(images, 3);
      assert.deepEqual(shown.map((r) => r.label), keys);
      return shown;
    }, 30_000, 'the filtered folder');
    assert.equal(rows.length, 9);
    assert.match((await wb.renderedRows()).find((r) => r.label === images)!.description, /img-000/);
  });

  it('Go to… opens a folder deep in a bucket, expanded', async function () {
    await wb.viewTitleAction('Go to…');
    await wb.answerInput('s3://demo-archive/reports/2024/');
    const rows = await wb.loadedChildren('demo-archive/reports/2024/');
    assert.deepEqual(rows.map((r) => folderName(r.label)), Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('Add to Favorites on a folder: Favorites at the top holds it, it survives a reload and pages with Load more; Rename Favorite… names it', async function () {
    const images = h.demo.mainData.buckets.find((b) => b.name === 'demo-archive')!.keys.filter((key) => key.startsWith('images/'));
    await wb.expand('S3 Buckets', 1);
    await wb.expand('demo-archive', 2);
    await wb.loadedChildren('demo-archive', 2);
    await wb.contextMenu('images/', 'Add to Favorites', 3);
    await wb.waitForRow('Favorites', 30_000, 1);
    await wb.page.reload();
    await wb.openContainer();
    await wb.waitForRow('Favorites', 60_000, 1);
    const row = await wb.waitForRow('demo-archive/images/', 60_000, 2);
    assert.ok(await row.isVisible());
    await wb.expand('demo-archive/images/', 2);
    const first = await wb.loadedChildren('demo-archive/images/', 2);
    assert.deepEqual(first.map((r) => r.label), [...images.slice(0, 100).map((key) => key.slice('images/'.length)), LOAD_MORE]);
    await wb.click(LOAD_MORE, 3);
    await eventually(async () => assert.ok((await wb.loadedChildren('demo-archive/images/', 2)).length > 101), 60_000, 'the next page');
    await wb.contextMenu('demo-archive/images/', 'Rename Favorite…', 2);
    await wb.answerInput('Product images');
    await wb.waitForRow('Product images', 30_000, 2);
    await wb.contextMenu('Product images', 'Remove from Favorites', 2);
    await eventually(async () => assert.ok(!(await wb.renderedRows()).some((r) => r.label === 'Favorites')), 30_000, 'Favorites gone with its last one');
  });

  it('hovering rows shows what the list returned and sends no request; Show Details sends one', async function () {
    const details = /GetTopicAttributes|GetQueueAttributes|DescribeTable|DescribeLogGroups|DescribeInstances/;
    const sentSince = (from: number) => h.demo.main.requests.slice(from).filter((r) => r.method === 'HEAD' || details.test(r.operation));
    await wb.expand('S3 Buckets', 1);
    await wb.expand('demo-odd-keys', 2);
    const objects = await wb.loadedChildren('demo-odd-keys', 2);
    await wb.expand('SNS Topics', 1);
    await wb.loadedChildren('SNS Topics', 1);
    const from = h.demo.main.requests.length;
    const hovered = [...objects.filter((r) => /\.txt$/.test(r.label)).slice(0, 3).map((r) => [r.label, 3] as const),
      ...h.demo.mainData.topics.slice(0, 3).map((t) => [t.name, 2] as const)];
    for (const [i, [label, level]] of hovered.entries()) {
      // The last tooltip away first: it may cover the next row.
      await wb.moveMouseAway();
      await wb.page.keyboard.press('Escape');
      const row = await wb.rowInView(label, level);
      await row.hover();
      if (i === 0) {
        // What the listing returned, without a request: the object's size, class and time.
        const hover = wb.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'StorageClass' });
        await eventually(async () => assert.ok(await hover.first().isVisible(), `no tooltip for ${label}`), 10_000, `the tooltip of ${label}`);
      } else {
        // Long enough for a hover to have asked for details, had it still done so.
        await wb.page.waitForTimeout(1500);
      }
    }
    await wb.moveMouseAway();
    assert.deepEqual(sentSince(from), [], 'no request for a hover');

    await wb.contextMenu(h.demo.mainData.topics[0].name, 'Show Details', 2);
    await eventually(async () => assert.equal(sentSince(from).filter((r) => /GetTopicAttributes/.test(r.operation)).length, 1), 30_000, 'Show Details');
  });

  it('shows a page of topics, "Load more…" and the buckets together (the README screenshot)', async function () {
    await wb.expand('S3 Buckets', 1);
    await wb.expand('demo-archive', 2);
    await wb.loadedChildren('demo-archive', 2);
    await wb.expand('SNS Topics', 1);
    await wb.loadedChildren('SNS Topics', 1);
    // Scroll to the end of the first page: its last topics, "Load more…", then the buckets.
    await wb.waitForRow(LOAD_MORE, 30_000, 2);
    await wb.page.keyboard.press('End');
    const visible = (await wb.renderedRows()).map((r) => r.label);
    for (const label of [h.demo.mainData.topics[99].name, LOAD_MORE, 'S3 Buckets', 'demo-archive', 'demo-odd-keys']) {
      assert.ok(visible.includes(label), `"${label}" is not in view: ${visible.join(', ')}`);
    }
    await wb.moveMouseAway();
    await docsScreenshot(wb.page, 'screenshot-tree.png', { x: 0, y: 0, width: 360, height: 900 });
  });
});
