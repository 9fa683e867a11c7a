// Export Full Listing… in the real workbench, through the save dialog, compared with what was seeded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsScreenshot } from './support/artifacts';
import { byteOrder, objectRows, pickObjectColumns, readJsonl, topicsJsonl, type ExportedObject } from './support/groundTruth';
import { extraCodeServer, harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const EXPORT = 'Export Full Listing…';

describe('Export Full Listing in code-server (e2e)', function () {
  let h: Harness;
  let exportsDir: string;

  before(async function () {
    h = await harness();
    exportsDir = path.join(h.tmp, 'exports');
    fs.mkdirSync(exportsDir, { recursive: true });
  });

  async function open(url = h.server.folderUrl(newWorkspace(h, 'export'))): Promise<Workbench> {
    const wb = await Workbench.open(h.browser, url);
    await wb.openContainer();
    return wb;
  }

  it('from the context menu of SNS Topics: the JSON Lines file holds all 250 topics, byte for byte', async function () {
    const wb = await open();
    const file = path.join(exportsDir, 'topics-context-menu.jsonl');
    await wb.contextMenu('SNS Topics', EXPORT, 1);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported 250 topics to ${path.basename(file)}`);
    assert.equal(fs.readFileSync(file, 'utf8'), topicsJsonl(h.demo.mainData));
  });

  it('from the Command Palette, objects under an S3 URI: every key of the bucket, recursively, in key order', async function () {
    const wb = await open();
    const bucket = h.demo.mainData.buckets.find((b) => b.name === 'demo-archive')!;
    const file = path.join(exportsDir, 'archive-palette.jsonl');
    await wb.runCommand(`Paged AWS Explorer: ${EXPORT}`);
    await wb.pick('A list by its address…');
    await wb.answerInput('s3://demo-archive/');
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(new RegExp(`Exported ${bucket.keys.length.toLocaleString('en-US')} objects to ${path.basename(file)}`));
    const rows = readJsonl<ExportedObject>(file);
    assert.deepEqual(pickObjectColumns(rows), objectRows(bucket.name, byteOrder(bucket.keys)));
  });

  it('awkward keys (spaces, Unicode, +, %, quotes) survive an export from the bucket\'s context menu', async function () {
    const wb = await open();
    const bucket = h.demo.mainData.buckets.find((b) => b.name === 'demo-odd-keys')!;
    const file = path.join(exportsDir, 'odd keys é.jsonl');
    await wb.expand('S3 Buckets', 1);
    await wb.contextMenu(bucket.name, EXPORT, 2);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(`Exported ${bucket.keys.length} objects`);
    const rows = pickObjectColumns(readJsonl<ExportedObject>(file));
    // fauxqs orders these mixed shapes by localeCompare, AWS by bytes: compare as sets, then count.
    assert.deepEqual(byteOrder(rows.map((r) => r.Key)), byteOrder(bucket.keys));
    assert.deepEqual([...rows].sort((a, b) => Buffer.compare(Buffer.from(a.Key), Buffer.from(b.Key))), objectRows(bucket.name, byteOrder(bucket.keys)));
  });

  describe('cancel and resume (profile demo-slow: every request 250 ms late)', function () {
    let url: string;

    before(async function () {
      const server = await extraCodeServer(h, 'slow', { 'pagedAwsExplorer.profile': 'demo-slow' });
      url = server.folderUrl(newWorkspace(h, 'export-slow'));
    });

    it('an export cancelled mid-way and resumed writes the same file as one that ran through', async function () {
      const bucket = h.demo.mainData.buckets.find((b) => b.name === 'demo-archive')!;
      const total = bucket.keys.length.toLocaleString('en-US');
      const whole = path.join(exportsDir, 'archive-whole.jsonl');
      const resumed = path.join(exportsDir, 'archive-resumed.jsonl');

      const wb = await open(url);
      await wb.expand('S3 Buckets', 1);
      await wb.contextMenu('demo-archive', EXPORT, 2);
      await wb.answerSaveDialog(whole);
      await wb.waitForNotification(`Exported ${total} objects to ${path.basename(whole)}`, 120_000);
      await wb.runCommand('Notifications: Clear All Notifications');

      await wb.contextMenu('demo-archive', EXPORT, 2);
      await wb.answerSaveDialog(resumed);
      // Cancel once some pages are on disk, well before the last of 31.
      const progress = await wb.waitForNotification(/Exporting s3:\/\/demo-archive/);
      await eventually(async () => {
        const text = await progress.innerText();
        assert.match(text, /\b([3-9]|1\d) pages\b/, text);
      }, 60_000, 'a few pages to be written');
      await wb.moveMouseAway();
      await docsScreenshot(wb.page, 'screenshot-export.png', { x: 900, y: 640, width: 500, height: 260 });
      // The view's badge counts the exports running.
      const badge = wb.page.locator('.activitybar .action-item', { has: wb.page.locator('a.action-label[aria-label^="Paged AWS Explorer"]') }).locator('.badge-content');
      assert.equal((await badge.innerText()).trim(), '1');
      await progress.hover();
      await progress.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      const cancelled = await wb.waitForNotification(/Export cancelled/);
      // "Export cancelled; 401 items are saved and it can be resumed.": stopped part-way, not at the end.
      const saved = Number(/([\d,]+) items? (?:is|are) saved/.exec(await cancelled.innerText())?.[1].replace(/,/g, ''));
      assert.ok(saved > 0 && saved < bucket.keys.length, `${saved} of ${bucket.keys.length} items saved when cancelled`);

      await wb.moveMouseAway();
      // The toast slides in: let it settle before the picture.
      await wb.page.waitForTimeout(800);
      await docsScreenshot(wb.page, 'screenshot-resume.png', { x: 900, y: 640, width: 500, height: 260 });
      await cancelled.hover();
      await cancelled.locator('.monaco-button', { hasText: /^Resume$/ }).click();
      await wb.waitForNotification(`Exported ${total} objects to ${path.basename(resumed)}`, 120_000);

      assert.equal(fs.readFileSync(resumed, 'utf8'), fs.readFileSync(whole, 'utf8'));
      assert.deepEqual(pickObjectColumns(readJsonl<ExportedObject>(resumed)), objectRows(bucket.name, byteOrder(bucket.keys)));
    });
  });
});
