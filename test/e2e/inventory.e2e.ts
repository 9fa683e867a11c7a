// S3 Inventory in the real workbench: demo-archive's bucket shows Inventory Reports above its objects (its
// configurations, each with its reports newest first); a report pages like any list, Load more holding the position
// in its data files; Summarize… and Export Full Listing… read a report as they read a bucket.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extraCodeServer, harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const BUCKET = 'demo-archive';
const REPORTS = 'Inventory Reports';
const LOAD_MORE = 'Load more…';
const byteOrder = (keys: readonly string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
/** A report's row label: its folder's instant, `2026-12-05T01-00Z` → `2026-12-05 01:00 UTC`. */
const labelOf = (stamp: string) => `${stamp.slice(0, 10)} ${stamp.slice(11, 13)}:${stamp.slice(14, 16)} UTC`;

describe('S3 Inventory reports in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'inventory')), { clipboard: true });
    await wb.openContainer();
  });

  const keys = () => byteOrder(h.demo.mainData.buckets.find((bucket) => bucket.name === BUCKET)!.keys);
  const reports = (config: string) => h.demo.mainData.inventory.filter((report) => report.config === config);

  it('a bucket with inventory configurations shows Inventory Reports; a report pages with Load more, in the report\'s order', async function () {
    await wb.expand('S3 Buckets', 1);
    await wb.expand(BUCKET, 2);
    const rows = await wb.loadedChildren(BUCKET, 2);
    assert.deepEqual(rows.slice(0, 2).map((r) => r.label), [REPORTS, 'images/']);
    await wb.expand(REPORTS, 3);
    const configs = await wb.loadedChildren(REPORTS, 3);
    assert.deepEqual(configs.map((r) => [r.label, r.description]), [['daily-csv', 'CSV · Daily · current versions'], ['weekly-parquet', 'Parquet · Weekly · current versions']]);
    await wb.expand('daily-csv', 4);
    const daily = reports('daily-csv');
    assert.deepEqual((await wb.loadedChildren('daily-csv', 4)).map((r) => r.label), daily.map((report) => labelOf(report.stamp)), 'newest first');

    const newest = labelOf(daily[0].stamp);
    await wb.expand(newest, 5);
    let objects = await wb.loadedChildren(newest, 5);
    // One page of the page size setting (the harness's profile sets 100), then Load more.
    const page = objects.length - 1;
    assert.ok(page >= 100 && page < keys().length, `${page} rows`);
    assert.deepEqual(objects.slice(0, page).map((r) => r.label), keys().slice(0, page));
    assert.equal(objects[page].label, LOAD_MORE);
    await wb.click(LOAD_MORE, 6);
    objects = await eventually(async () => {
      const now = await wb.loadedChildren(newest, 5);
      assert.equal(now.length, 2 * page + 1);
      return now;
    }, 60_000, 'the second page');
    assert.deepEqual(objects.slice(0, 2 * page).map((r) => r.label), keys().slice(0, 2 * page));

    // A bucket without inventory shows its objects only (its ListBucketInventoryConfigurations is empty).
    await wb.collapse(BUCKET, 2);
    await wb.expand('demo-odd-keys', 2);
    assert.ok(!(await wb.loadedChildren('demo-odd-keys', 2)).some((r) => r.label === REPORTS));
  });

  it('Summarize… on a report counts every row; Export Full Listing… of a Parquet report writes every object, as the live listing names its fields', async function () {
    await wb.expand('S3 Buckets', 1);
    await wb.expand(BUCKET, 2);
    await wb.expand(REPORTS, 3);
    await wb.expand('weekly-parquet', 4);
    const { stamp } = reports('weekly-parquet')[0];
    const report = labelOf(stamp);
    await wb.waitForRow(report, 30_000, 5);
    await wb.contextMenu(report, 'Summarize…', 5);
    const tab = wb.page.locator('.tabs-container .tab').filter({ hasText: `Summary: s3-inventory://demo-archive/weekly-parquet@${stamp}` });
    await eventually(async () => assert.ok(await tab.first().isVisible(), 'no summary tab'), 60_000, 'the summary tab');
    const page = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await eventually(async () => {
      const totals = await page.locator('#totals').innerText();
      assert.ok(totals.startsWith(`${keys().length.toLocaleString('en-US')} objects, `), totals);
    }, 60_000, 'the totals');

    const file = path.join(newWorkspace(h, 'inventory-export'), 'inventory.jsonl');
    await wb.contextMenu(report, 'Export Full Listing…', 5);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported ${keys().length.toLocaleString('en-US')} objects to ${path.basename(file)}`, 120_000);
    const written = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(written.map((record) => record.Key), keys());
    assert.deepEqual(Object.keys(written[0]), ['Key', 'LastModified', 'ETag', 'Size', 'StorageClass', 's3Uri', 'itemType', 'inventoryDate']);
    assert.equal(written[0].inventoryDate, `${stamp.slice(0, 10)}T02:00:00.000Z`);
  });

  it('Export Full Listing… on the bucket offers its recent inventory report beside the live listing, with what each takes', async function () {
    // The demo's report is small: offered from any size here (the default offers it from 100,000 objects).
    const server = await extraCodeServer(h, 'inventory-offer', { 'pagedAwsExplorer.profile': 'demo', 'pagedAwsExplorer.export.inventoryAbove': 0 });
    const offered = await Workbench.open(h.browser, server.folderUrl(newWorkspace(h, 'inventory-offer')));
    try {
      await offered.openContainer();
      await offered.expand('S3 Buckets', 1);
      await offered.contextMenu(BUCKET, 'Export Full Listing…', 2);
      await offered.waitForQuickInput('Export Full Listing');
      const day = reports('daily-csv')[0].stamp.slice(0, 10);
      const choices = await offered.quickPickLabels();
      assert.ok(choices.includes(`From the inventory of ${day}`) && choices.includes('Live listing'), choices.join(' | '));
      const details = await offered.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
      assert.ok(details.some((text) => /daily-csv: about [\d,]+ objects as of that date, .* in 3 files; about \d+ s to read/.test(text)), details.join(' | '));
      assert.ok(details.some((text) => /every item as it is now: about \d+ requests of 1,000/.test(text)), details.join(' | '));
      await offered.pick(`From the inventory of ${day}`);
      const file = path.join(newWorkspace(h, 'inventory-offer-export'), 'from-inventory.jsonl');
      await offered.answerSaveDialog(file);
      await offered.waitForNotification(`Exported ${keys().length.toLocaleString('en-US')} objects to ${path.basename(file)}`, 120_000);
      const written = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.equal(written.length, keys().length);
      assert.ok(written.every((record) => typeof record.inventoryDate === 'string'), 'read from the report');
    } finally {
      await offered.close();
    }
  });
});
