// S3 objects in the real workbench: Open shows an object's content in a read-only editor, Download… writes its exact
// bytes, Copy Presigned URL… gives a link that curl can fetch.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoBlob, demoFiles } from '../../scripts/emulator';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

describe('S3 objects in code-server (e2e): open, download, share', function () {
  let h: Harness;
  let wb: Workbench;
  let downloads: string;

  before(async function () {
    h = await harness();
    downloads = path.join(h.tmp, 'downloads');
    fs.mkdirSync(downloads, { recursive: true });
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 's3-objects')), { clipboard: true });
    await wb.openContainer();
    await wb.expand('S3 Buckets', 1);
    await wb.expand('demo-files', 2);
    await wb.loadedChildren('demo-files', 2);
  });

  it('Open shows a text object\'s content in a read-only editor', async function () {
    await wb.contextMenu('notes.md', 'Open', 3);
    const tab = wb.page.locator('.tabs-container .tab').filter({ hasText: 'notes.md' });
    await eventually(async () => assert.ok(await tab.first().isVisible(), 'no notes.md tab'), 30_000, 'the editor');
    const editor = wb.page.locator('.editor-instance .view-lines');
    await eventually(async () => {
      const text = (await editor.first().innerText()).replace(/\u00a0/g, ' ');
      assert.ok(text.includes('# Demo notes') && text.includes('read-only.'), `editor shows: ${JSON.stringify(text)}`);
    }, 30_000, 'the object\'s content');
    assert.ok(demoFiles['notes.md'].startsWith('# Demo notes'));
  });

  it('Download… of a 20 MB object writes its exact bytes, under a temporary name until it is complete', async function () {
    const file = path.join(downloads, 'blob-20mb.bin');
    await wb.contextMenu('blob-20mb.bin', 'Download…', 3);
    await wb.answerSaveDialog(file);
    await wb.waitForNotification(/Downloaded blob-20mb\.bin \(20 MB\)/, 120_000);
    assert.ok(fs.readFileSync(file).equals(demoBlob()), 'the same bytes');
    assert.deepEqual(fs.readdirSync(downloads).filter((name) => name.endsWith('.download')), [], 'no partial file left');
  });

  it('Copy Presigned URL… (1 hour) puts a link on the clipboard that curl fetches the object with', async function () {
    await wb.contextMenu('config.json', 'Copy Presigned URL…', 3);
    await wb.waitForQuickInput(/Copy Presigned URL of config\.json/);
    assert.deepEqual(await wb.quickPickLabels(), ['15 minutes', '1 hour', '1 day', '7 days (the longest SigV4 allows)']);
    await wb.page.keyboard.press('Enter');
    const url = await eventually(async () => {
      const text = await wb.page.evaluate('navigator.clipboard.readText()') as string;
      assert.match(text, /X-Amz-Signature=/);
      return text;
    }, 10_000, 'the URL on the clipboard');
    assert.equal(new URL(url).searchParams.get('X-Amz-Expires'), '3600', 'the suggested expiry is 1 hour');
    // Asynchronously: the emulator that answers curl runs in this process.
    const { stdout } = await promisify(execFile)('curl', ['-sf', '--max-time', '30', url], { encoding: 'utf8' });
    assert.equal(stdout, demoFiles['config.json']);
  });
});
