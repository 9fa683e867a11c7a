// Find in List… in the real workbench: on a demo bucket of 3,001 keys (four pages) it opens a "Find: …" list under the
// bucket whose rows are exactly the keys that match, and whose description says how many keys were read to find them.
import * as assert from 'node:assert/strict';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const BUCKET = 'demo-archive';

describe('Find in List in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;
  let keys: readonly string[];

  before(async function () {
    h = await harness();
    keys = h.demo.mainData.buckets.find((bucket) => bucket.name === BUCKET)!.keys;
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'find')), { clipboard: true });
    await wb.openContainer();
    await wb.expand('S3 Buckets', 1);
  });

  /** The find list's rows once its scan is done (no Load more…), and its description. */
  async function found(label: string): Promise<{ rows: string[]; description: string }> {
    return eventually(async () => {
      const row = (await wb.renderedRows()).find((r) => r.label === label && r.level === 3);
      assert.ok(row, `no "${label}" row under the bucket`);
      // "N scanned · M found", without "· more": every page has been read.
      assert.match(row.description, /^[\d,]+ scanned · [\d,]+ found$/, `still scanning: ${row.description}`);
      const rows = await wb.loadedChildren(label, 3);
      assert.ok(!rows.some((r) => r.label === 'Load more…'), 'Load more… is still there');
      return { rows: rows.map((r) => r.label), description: row.description };
    }, 60_000, `the rows of "${label}"`);
  }

  it('a substring among 3,001 keys: every page is read, the rows are exactly the matching keys, "3,001 scanned · 24 found"', async function () {
    const expected = keys.filter((key) => key.includes('report-0042'));
    assert.equal(expected.length, 24, 'the demo holds one report-0042 a month for two years');
    await wb.contextMenu(BUCKET, 'Find in List…', 2);
    await wb.waitForQuickInput(`Find in ${BUCKET}`);
    await wb.answerInput('report-0042');

    const { rows, description } = await found('Find: report-0042');
    assert.deepEqual(rows, expected);
    assert.equal(description, `${keys.length.toLocaleString('en-US')} scanned · 24 found`);
    // The bucket's own rows are still there and still usable: its first page is listed beside the find.
    const children = await wb.loadedChildren(BUCKET, 2);
    assert.ok(children.some((r) => r.label === 'images/') && children.some((r) => r.label === 'readme.txt'), JSON.stringify(children.slice(0, 5)));
  });

  it('a glob is narrowed to its literal start (Prefix) and reads only those keys; "any case" finds README as readme.txt', async function () {
    const expected = keys.filter((key) => /^images\/img-01\d\d\.png$/.test(key));
    const underPrefix = keys.filter((key) => key.startsWith('images/img-01'));
    await wb.contextMenu(BUCKET, 'Find in List…', 2);
    await wb.waitForQuickInput(`Find in ${BUCKET}`);
    await wb.answerInput('images/img-01??.png');
    const glob = await found('Find: images/img-01??.png');
    assert.deepEqual(glob.rows, expected);
    assert.equal(glob.description, `${underPrefix.length} scanned · ${expected.length} found`);

    await wb.contextMenu(BUCKET, 'Find in List…', 2);
    await wb.waitForQuickInput(`Find in ${BUCKET}`);
    await wb.quickInputBox().fill('README');
    await wb.pick(/in names, any case/);
    const anyCase = await found('Find: README (any case)');
    assert.deepEqual(anyCase.rows, ['readme.txt']);
  });
});
