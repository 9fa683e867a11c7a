// Summarize… in the real workbench: on a demo bucket it reads every key (3,001, more than one page) and opens the
// summary in an editor tab, whose totals, folders and largest objects are those of the seeded keys; Copy as Markdown
// puts the tables on the clipboard; the largest 100 become a list under the bucket whose top row downloads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatBytes } from '../../src/core/numbers';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const BUCKET = 'demo-archive';

describe('Summarize in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'summarize')), { clipboard: true });
    await wb.openContainer();
  });

  it('Summarize… on a bucket opens its summary: every key counted and sized, by folder, the largest first; Copy as Markdown', async function () {
    const keys = h.demo.mainData.buckets.find((bucket) => bucket.name === BUCKET)!.keys;
    // The demo's objects hold their own key: an object's size is its key's length.
    const bytes = keys.reduce((sum, key) => sum + Buffer.byteLength(key), 0);
    await wb.expand('S3 Buckets', 1);
    await wb.contextMenu(BUCKET, 'Summarize…', 2);
    const tab = wb.page.locator('.tabs-container .tab').filter({ hasText: `Summary: s3://${BUCKET}/` });
    await eventually(async () => assert.ok(await tab.first().isVisible(), 'no summary tab'), 60_000, 'the summary tab');
    const page = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await eventually(async () => {
      const totals = await page.locator('#totals').innerText();
      assert.ok(totals.startsWith(`${keys.length.toLocaleString('en-US')} objects, ${formatBytes(bytes)}, as of 20`), totals);
    }, 30_000, 'the totals');

    const folders = await page.locator('section[aria-labelledby="folder"] tbody tr').allInnerTexts();
    const counts = Object.fromEntries(folders.map((row) => row.split('\t')).map(([name, count]) => [name, Number(count.replace(/,/g, ''))]));
    assert.deepEqual(counts, {
      'reports/': keys.filter((key) => key.startsWith('reports/')).length,
      'images/': keys.filter((key) => key.startsWith('images/')).length,
      '(objects at this level)': keys.filter((key) => !key.includes('/')).length,
    });
    assert.equal(await page.locator('section[aria-labelledby="folder"] svg rect.bar').count(), 3, 'a bar a folder');
    const largest = [...keys].sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a) || (a < b ? -1 : 1))[0];
    const firstLargest = (await page.locator('section', { hasText: 'Largest 100' }).locator('tbody tr').first().innerText()).split('\t')[0];
    assert.equal(firstLargest, largest, 'the largest object first');

    await page.locator('#copyMarkdown').click();
    await eventually(async () => {
      const text = await wb.page.evaluate('navigator.clipboard.readText()') as string;
      assert.match(text, new RegExp(`^# Summary of s3://${BUCKET}/\\n\\n${keys.length.toLocaleString('en-US')} objects, `));
      assert.match(text, /\n## By folder\n/);
    }, 10_000, 'the Markdown on the clipboard');

    // The largest, newest and oldest are lists under the bucket, whose rows are the objects: the largest downloads.
    const ranked = `Largest 100 under ${BUCKET}`;
    const rows = await wb.loadedChildren(BUCKET, 2);
    // Below the bucket's Inventory Reports (the demo bucket has inventory configurations).
    assert.deepEqual(rows.slice(0, 4).map((r) => r.label), ['Inventory Reports', ranked, `Newest 100 under ${BUCKET}`, `Oldest 100 under ${BUCKET}`]);
    await wb.expand(ranked, 3);
    const top = await wb.loadedChildren(ranked, 3);
    assert.equal(top.length, 100);
    assert.equal(top[0].label, largest);
    const file = path.join(newWorkspace(h, 'summarize-download'), path.basename(largest));
    await wb.contextMenu(largest, 'Download…', 4);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(new RegExp(`Downloaded ${path.basename(largest).replace(/[.]/g, '\\.')}`), 60_000);
    assert.equal(fs.readFileSync(file, 'utf8'), largest, 'the object holds its own key');
  });
});
