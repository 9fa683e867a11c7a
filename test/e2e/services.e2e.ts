// SQS queues and DynamoDB tables in the real workbench, on the demo data: what a user pages through, queries and
// exports, compared with what the harness seeded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonl } from './support/groundTruth';
import { harness, newWorkspace, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

const LOAD_MORE = 'Load more…';

describe('SQS and DynamoDB in code-server (e2e)', function () {
  let h: Harness;
  let wb: Workbench;

  before(async function () {
    h = await harness();
    // Before any window opens: the save dialog does not see a folder made after its window started.
    fs.mkdirSync(path.join(h.tmp, 'exports'), { recursive: true });
  });

  beforeEach(async function () {
    wb = await Workbench.open(h.browser, h.server.folderUrl(newWorkspace(h, 'services')));
    await wb.openContainer();
  });

  it('shows the top-level list of every service', async function () {
    await wb.waitForRow('Resource Explorer', 60_000, 1);
    const roots = (await wb.renderedRows()).filter((r) => r.level === 1).map((r) => r.label);
    assert.deepEqual(roots, [
      'SNS Topics', 'S3 Buckets', 'SQS Queues', 'DynamoDB Tables', 'CloudWatch Log Groups', 'EC2 Instances', 'Health Events', 'Health Events (organization)', 'Resource Explorer',
    ]);
  });

  it('SQS Queues: a page of 100 and Load more; Filter by Prefix… keeps the dead-letter queues; one expands to its sources', async function () {
    const { queues, deadLetterQueues } = h.demo.mainData;
    await wb.expand('SQS Queues', 1);
    const first = await wb.loadedChildren('SQS Queues', 1);
    assert.deepEqual(first.map((r) => r.label), [...queues.slice(0, 100), LOAD_MORE]);
    await wb.click(LOAD_MORE, 2);
    const second = await eventually(async () => {
      const rows = await wb.loadedChildren('SQS Queues', 1);
      assert.ok(rows.length > 101, `still ${rows.length} rows`);
      return rows;
    }, 60_000, 'the second page');
    assert.deepEqual(second.map((r) => r.label), [...queues.slice(0, 200), LOAD_MORE]);

    await wb.scrollToTop();
    await wb.contextMenu('SQS Queues', 'Filter by Prefix…', 1);
    await wb.answerInput('demo-dlq');
    const dlqs = Object.keys(deadLetterQueues).sort();
    await eventually(async () => {
      assert.deepEqual((await wb.loadedChildren('SQS Queues', 1)).map((r) => r.label), dlqs);
    }, 30_000, 'the filtered queues');
    await wb.expand('demo-dlq-3', 2);
    const sources = await wb.loadedChildren('demo-dlq-3', 2);
    assert.deepEqual(sources.map((r) => r.label), [...deadLetterQueues['demo-dlq-3']].sort());
  });

  it('DynamoDB Tables: 100 tables and Load more; a table pages its 5,000 items; Show Details shows an item exactly', async function () {
    const { tables } = h.demo.mainData;
    await wb.expand('DynamoDB Tables', 1);
    assert.deepEqual((await wb.loadedChildren('DynamoDB Tables', 1)).map((r) => r.label), [...tables.slice(0, 100), LOAD_MORE]);
    await wb.click(LOAD_MORE, 2);
    await eventually(async () => {
      assert.deepEqual((await wb.loadedChildren('DynamoDB Tables', 1)).map((r) => r.label), tables);
    }, 60_000, 'all 130 tables');

    await wb.scrollToTop();
    await wb.expand('demo-items', 2);
    const page = await wb.loadedChildren('demo-items', 2);
    assert.equal(page.length, 101);
    assert.equal(page.at(-1)?.label, LOAD_MORE);
    await wb.click(LOAD_MORE, 3);
    const two = await eventually(async () => {
      const rows = await wb.loadedChildren('demo-items', 2);
      assert.equal(rows.length, 201);
      return rows;
    }, 60_000, 'the second page of items');
    assert.equal(new Set(two.map((r) => r.label)).size, 201, 'every item once');

    const label = page[3].label;
    const seeded = h.demo.mainData.items['demo-items'].find((item) => item.pk.S === label)!;
    await wb.contextMenu(label, 'Show Details', 3);
    const plain = await eventually(async () => {
      // The editor renders spaces as non-breaking ones.
      const shown = (await wb.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
      assert.ok(shown.includes(`"pk": "${label}"`), shown);
      return shown;
    }, 30_000, 'the item in an editor');
    assert.ok(plain.includes(`"big": ${seeded.big.N}`), `every digit of ${seeded.big.N}: ${plain}`);
    assert.ok(plain.includes(`"exact": ${seeded.exact.N}`), `every digit of ${seeded.exact.N}`);
    assert.ok(plain.includes(`"bin": "${Buffer.from(seeded.bin.B!).toString('base64')}"`), 'binary as base64');
  });

  it('Query by Partition Key… on demo-orders opens one customer\'s orders under the table', async function () {
    await wb.expand('DynamoDB Tables', 1);
    await wb.loadedChildren('DynamoDB Tables', 1);
    await wb.contextMenu('demo-orders', 'Query by Partition Key…', 2);
    await wb.pick(/^demo-orders/);
    await wb.answerInput('cust-0007');
    await wb.pick('Every item of the partition');
    const query = 'Query: customer = cust-0007';
    const rows = await wb.loadedChildren(query, 3);
    const expected = h.demo.mainData.items['demo-orders'].filter((o) => o.customer.S === 'cust-0007').map((o) => `cust-0007 · ${o.date.S}`);
    assert.deepEqual(rows.map((r) => r.label), expected);
  });

  it('Export Full Listing… from a table\'s context menu writes DynamoDB JSON, every item once', async function () {
    const file = path.join(h.tmp, 'exports', 'demo-orders.jsonl');
    await wb.expand('DynamoDB Tables', 1);
    await wb.loadedChildren('DynamoDB Tables', 1);
    await wb.contextMenu('demo-orders', 'Export Full Listing…', 2);
    await wb.answerSaveDialog(file);
    await wb.pick('DynamoDB JSON');
    await wb.waitForNotification('Exported 1,000 items to demo-orders.jsonl');
    const canonical = (item: object) => JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
    const exported = readJsonl<{ Item: object }>(file).map((line) => canonical(line.Item)).sort();
    const seeded = h.demo.mainData.items['demo-orders'].map(canonical).sort();
    assert.deepEqual(exported, seeded);
  });
});
