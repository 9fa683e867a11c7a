// Summarize… against the emulator: every figure equals the one computed from what was put into the bucket (counts,
// bytes, groups, the largest items with ties in key order), a summary interrupted and resumed from its checkpoint
// equals the uninterrupted one, groups past the cap are folded into "other", an empty list; the CLI's `summarize`
// as it ships, killed and run again.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type AwsSession } from '../../src/core/aws/session';
import { listingTarget } from '../../src/core/export/checkpoint';
import { runSummary, summaryId, summaryList, SummaryStore, type SummaryJob } from '../../src/core/answers/summaryRun';
import { summaryCsv, summaryDocument, summaryText, type SummaryDocument } from '../../src/core/answers/summaryReport';
import { summaryHtml } from '../../src/answersUi/summaryHtml';
import { parse } from 'csv-parse/sync';
import { s3Client } from '../../src/core/services/s3/client';
import { type ListRef } from '../../src/core/lists';
import { keepRankings, rankOf } from '../../src/core/answers/rankedList';
import { summarize } from '../../src/core/answers/parallelSummary';
import { kindOf } from '../../src/core/services/registry';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, createQueues, createTable, putItems, startEmulator, testConnection, testSession, useEmulator, type Emulator } from '../support/emulator';
import { builtCli, nodeBinary, runProcess } from '../support/cli';

interface Seeded {
  readonly key: string;
  readonly size: number;
  readonly storageClass: string;
}

/**
 * 310 objects in three folders and at the top, of 4 extensions, sizes from 0 B to 9 KB with ties (so the largest
 * are decided by key order among equal sizes), two storage classes.
 */
function seededObjects(): Seeded[] {
  const objects: Seeded[] = [];
  const folders = ['alpha/', 'beta/', 'gamma/deep/', ''];
  const extensions = ['log', 'json', 'gz', ''];
  for (let i = 0; i < 310; i++) {
    const folder = folders[i % folders.length];
    const extension = extensions[(i >> 2) % extensions.length];
    const key = `${folder}obj-${String(i).padStart(4, '0')}${extension ? `.${extension}` : ''}`;
    objects.push({ key, size: (i * 37) % 9000 === 0 ? 0 : ((i * 37) % 9000) - ((i * 37) % 9000) % 500, storageClass: i % 5 === 0 ? 'STANDARD_IA' : 'STANDARD' });
  }
  // A name that is markup, for the summary's page, and one that is a formula, for its CSV.
  objects.push({ key: '<img src=x onerror=alert(1)>.html', size: 123, storageClass: 'STANDARD' }, { key: '=HYPERLINK("x")/report.csv', size: 5, storageClass: 'STANDARD' });
  return objects;
}

describe('Summarize: every page added up once, checkpointed, resumed (against the emulator)', function () {
  let emulator: Emulator;
  let session: AwsSession;
  let dir: string;
  const objects = seededObjects();
  const bucket = 'summary-bucket';
  const list: ListRef = summaryList({ kind: 's3.objects', params: { bucket, prefix: '', delimiter: '/' } });

  before(async function () {
    emulator = await startEmulator();
    session = testSession(emulator.endpoint);
    await createBucket(session, bucket);
    await createBucket(session, 'summary-empty');
    const s3 = await session.client(s3Client);
    for (let i = 0; i < objects.length; i += 32) {
      await Promise.all(objects.slice(i, i + 32).map((o) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: o.key, Body: Buffer.alloc(o.size, 97), StorageClass: o.storageClass as 'STANDARD' }))));
    }
  });

  after(async function () {
    session?.dispose();
    await emulator?.stop();
  });

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-summary-test-'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const job = (over: Partial<SummaryJob> = {}): SummaryJob => ({
    target: listingTarget(testConnection(emulator.endpoint)), list, pageSize: 40, limits: { top: 10, groupCap: 10_000 }, asOf: '2026-12-05T00:00:00.000Z', ...over,
  });

  /** What the service says each object's storage class and time are (the emulator decides them). */
  async function listed(): Promise<Map<string, { storageClass: string; lastModified: string }>> {
    const s3 = await session.client(s3Client);
    const out = new Map<string, { storageClass: string; lastModified: string }>();
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        out.set(o.Key!, { storageClass: o.StorageClass ?? '(none)', lastModified: o.LastModified!.toISOString() });
      }
      token = page.NextContinuationToken;
    } while (token);
    return out;
  }

  const group = (doc: SummaryDocument, id: string) => Object.fromEntries(doc.groupings.find((g) => g.id === id)!.groups.map((g) => [g.name, [g.count, g.bytes]]));

  function tally<K extends string>(of: (o: Seeded) => K): Record<string, [number, number]> {
    const out: Record<string, [number, number]> = {};
    for (const o of objects) {
      const [count, bytes] = out[of(o)] ?? [0, 0];
      out[of(o)] = [count + 1, bytes + o.size];
    }
    return out;
  }

  it('an S3 bucket: count, bytes, by storage class, folder, extension and size, and the 10 largest (ties in key order), as seeded', async function () {
    const store = new SummaryStore(path.join(dir, 'summaries'));
    const result = await runSummary(session, job(), { store });
    const doc = summaryDocument(result);
    assert.equal(doc.items, objects.length);
    assert.equal(doc.bytes, objects.reduce((sum, o) => sum + o.size, 0));
    assert.equal(doc.pages, Math.ceil(objects.length / 40));

    const service = await listed();
    assert.deepEqual(group(doc, 'storageClass'), tally((o) => service.get(o.key)!.storageClass));
    assert.deepEqual(group(doc, 'folder'), tally((o) => (o.key.includes('/') ? o.key.slice(0, o.key.indexOf('/') + 1) : '(objects at this level)')));
    assert.deepEqual(group(doc, 'extension'), tally((o) => (/\.([a-z]+)$/.exec(o.key)?.[1] ?? '(none)')));
    const sizes = group(doc, 'size');
    assert.equal(Object.values(sizes).reduce((sum, [count]) => sum + Number(count), 0), objects.length);
    assert.deepEqual(sizes['0 B'], tally((o) => (o.size === 0 ? 'zero' : 'other')).zero);
    assert.deepEqual(sizes['< 1 KB'], tally((o) => (o.size > 0 && o.size < 1024 ? 'small' : 'other')).small);
    assert.deepEqual(sizes['4.0 KB – 8.0 KB'], tally((o) => (o.size >= 4096 && o.size < 8192 ? 'in' : 'other')).in);
    // Groups by count, most first; the size histogram in size order.
    const counts = doc.groupings.find((g) => g.id === 'extension')!.groups.map((g) => g.count);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    assert.deepEqual(doc.groupings.find((g) => g.id === 'size')!.groups.slice(0, 2).map((g) => g.name), ['0 B', '< 1 KB']);

    const largest = [...objects].sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1)).slice(0, 10);
    assert.deepEqual(doc.largest!.map((row) => [row.record.Key, row.record.Size]), largest.map((o) => [o.key, o.size]));
    const byTime = [...service].sort(([ka, a], [kb, b]) => (a.lastModified > b.lastModified ? -1 : a.lastModified < b.lastModified ? 1 : ka < kb ? -1 : 1));
    assert.deepEqual(doc.newest!.map((row) => row.record.Key), byTime.slice(0, 10).map(([key]) => key));
    assert.equal(doc.newestTime, byTime[0][1].lastModified);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'summaries')), [], 'no checkpoint left once complete');
    assert.match(summaryText(doc), /^s3:\/\/summary-bucket\/: 312 objects, /);
  });

  it('the largest, newest and oldest become lists of their own: one page, the ranked objects in rank order, rows like the listed ones; a ranking of another window says to summarize again', async function () {
    const result = await runSummary(session, job(), { store: new SummaryStore(path.join(dir, 'ranked')) });
    const lists = keepRankings(summaryId(job()), list, result.state, 10);
    assert.deepEqual(lists.map((ranked) => [ranked.kind, rankOf(ranked.params)]), [['s3.objects+top', 'largest'], ['s3.objects+top', 'newest'], ['s3.objects+top', 'oldest']]);
    const model = new TreeModel({ clients: async () => session, pageSize: () => 40 });
    await model.ensureLoaded(lists[0]);
    const largest = model.snapshot(lists[0]);
    assert.equal(largest.nextToken, undefined, 'one page');
    const seeded = [...objects].sort((a, b) => b.size - a.size || (a.key < b.key ? -1 : 1)).slice(0, 10);
    assert.deepEqual(largest.items.map((item) => [item.record?.Key, item.record?.Size]), seeded.map((o) => [o.key, o.size]));
    assert.equal(kindOf(lists[0]).title(lists[0].params), `Largest 10 under ${bucket}`);
    // A row of the ranking is the object: Show Details sends HeadObject for it, as from the bucket's own rows.
    const details = kindOf(lists[0]).detailsOf?.(largest.items[0]);
    assert.equal(details?.operation, 'HeadObject');
    assert.equal((await details!.fetch(session, {})).ContentLength, seeded[0].size);
    await model.ensureLoaded(lists[2]);
    assert.deepEqual(model.snapshot(lists[2]).items.map((item) => item.id), result.state.oldest.map((ranked) => ranked.item.id));

    const gone = { kind: lists[0].kind, params: { ...lists[0].params, rankedBy: 'a-summary-of-another-window' } };
    await model.ensureLoaded(gone);
    assert.match(model.snapshot(gone).failure?.problem.message ?? '', /^This ranking was made by a summary in another window\. Run Summarize… on the list again/);
  });

  it('cancelled after 3 pages and resumed from its checkpoint: the figures of an uninterrupted run, each page added once', async function () {
    const whole = summaryDocument(await runSummary(session, job(), { store: new SummaryStore(path.join(dir, 'whole')) }));
    const store = new SummaryStore(path.join(dir, 'summaries'));
    const controller = new AbortController();
    await assert.rejects(runSummary(session, job(), {
      store, signal: controller.signal, onProgress: (p) => p.pages === 3 && controller.abort(),
    }));
    const checkpoint = await store.load(summaryId(job()));
    assert.ok(checkpoint, 'a checkpoint is kept');
    assert.equal(checkpoint.pages, 3);
    assert.equal(checkpoint.state.items, 120);
    const resumed = summaryDocument(await runSummary(session, checkpoint.job, { store, resume: checkpoint }));
    assert.deepEqual(resumed, whole);
  });

  it('in parts (a folder each, 3 at a time): the figures of the one-request-at-a-time summary; cancelled after 4 pages and resumed, the same again', async function () {
    const { pages: _pages, ...whole } = summaryDocument(await runSummary(session, job(), { store: new SummaryStore(path.join(dir, 'whole')) }));
    const inParts = await summarize(session, job(), { store: new SummaryStore(path.join(dir, 'parts')), parallelism: 3 });
    const { pages: partsPages, ...parted } = summaryDocument(inParts);
    assert.deepEqual(parted, whole);
    assert.ok(partsPages > _pages, 'the folder-level listing and each folder are pages of their own');

    const store = new SummaryStore(path.join(dir, 'summaries'));
    const controller = new AbortController();
    await assert.rejects(summarize(session, job(), { store, parallelism: 3, signal: controller.signal, onProgress: (p) => p.pages === 4 && controller.abort() }));
    const checkpoint = await store.load(summaryId(job()));
    assert.ok(checkpoint?.parts, 'a checkpoint of the parts is kept');
    assert.ok(checkpoint.state.items > 0 && checkpoint.state.items < objects.length, `${checkpoint.state.items} items in it`);
    const { pages: _resumedPages, ...resumed } = summaryDocument(await summarize(session, checkpoint.job, { store, resume: checkpoint, parallelism: 3 }));
    assert.deepEqual(resumed, whole);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'summaries')), [], 'no checkpoint left once complete');
  });

  it('the summary page: a strict content security policy, no remote content or inline style, every name escaped, a table per grouping; its CSV guards formulas', async function () {
    const doc = summaryDocument(await runSummary(session, job(), { store: new SummaryStore(path.join(dir, 's')) }));
    const html = summaryHtml(doc, 'NONCE');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-NONCE'; script-src 'nonce-NONCE';">/);
    assert.doesNotMatch(html, /https?:\/\//, 'no remote content');
    assert.doesNotMatch(html, / style="/, 'no inline style (the policy would block it)');
    assert.equal([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).join(), '<script nonce="NONCE">');
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;\.html/);
    assert.equal((html.match(/<table>/g) ?? []).length, doc.groupings.length + 3, 'a table per grouping, and the largest, newest and oldest');
    assert.match(html, new RegExp(`<p id="totals">${doc.items} objects, `));
    const rows = parse(summaryCsv(doc), { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.filter((row) => row.grouping === 'extension').reduce((sum, row) => sum + Number(row.count), 0), objects.length);
    assert.equal(rows.find((row) => row.group === '(objects at this level)')?.count, String(objects.filter((o) => !o.key.includes('/')).length));
    assert.ok(rows.some((row) => row.grouping === 'extension' && row.group === 'csv'));
    assert.equal(rows.find((row) => row.grouping === 'folder' && row.group.includes('HYPERLINK'))?.group, `'=HYPERLINK("x")/`, 'a folder named as a formula is written inert');
  });

  it('groups past the cap are counted together as "other"; a grouping of fewer groups is whole', async function () {
    const doc = summaryDocument(await runSummary(session, job({ limits: { top: 3, groupCap: 2 } }), { store: new SummaryStore(path.join(dir, 's')) }));
    const folder = doc.groupings.find((g) => g.id === 'folder')!;
    assert.equal(folder.groups.length, 2);
    assert.equal(folder.groups.reduce((sum, g) => sum + g.count, 0) + folder.other!.count, objects.length);
    assert.equal(doc.groupings.find((g) => g.id === 'storageClass')!.other, undefined);
    assert.equal(doc.largest!.length, 3);
    assert.match(summaryText(doc), /other \(groups past the first 2\)/);
  });

  it('an empty bucket: 0 objects, 0 bytes, no groups, no top items', async function () {
    const empty = summaryList({ kind: 's3.objects', params: { bucket: 'summary-empty', prefix: '', delimiter: '/' } });
    const doc = summaryDocument(await runSummary(session, job({ list: empty }), { store: new SummaryStore(path.join(dir, 's')) }));
    assert.equal(doc.items, 0);
    assert.equal(doc.bytes, 0);
    assert.ok(doc.groupings.every((g) => g.groups.length === 0));
    assert.deepEqual(doc.largest, []);
  });

  describe('paged-aws-export summarize (the CLI as it ships)', function () {
    const cli = (args: readonly string[]) => builtCli().then((file) => runProcess(nodeBinary, [file, 'summarize', ...args, '--state-dir', path.join(dir, 'state')], {
      cwd: dir, env: { ...process.env, AWS_ENDPOINT_URL: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test-secret' },
    }));

    it('--json prints the document: the same figures as in the process, the groupings asked for', async function () {
      const run = await cli([`s3://${bucket}/`, '--json', '--by', 'folder,storageClass', '--top', '5', '--page-size', '100']);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as SummaryDocument;
      assert.equal(doc.items, objects.length);
      assert.deepEqual(doc.groupings.map((g) => g.id), ['folder', 'storageClass']);
      assert.deepEqual(group(doc, 'folder'), tally((o) => (o.key.includes('/') ? o.key.slice(0, o.key.indexOf('/') + 1) : '(objects at this level)')));
      assert.equal(doc.largest!.length, 5);
    });

    it('a log search over --start -24h (the time written after its option, as for an export): its ERROR events of the last day, by stream', async function () {
      const { logs } = emulator;
      const now = logs.now();
      logs.createLogGroup('/summary/app');
      for (const stream of ['web-1', 'web-2']) {
        logs.createLogStream('/summary/app', stream);
        logs.putEvents('/summary/app', stream, Array.from({ length: 30 }, (_, i) => ({ timestamp: now - (i + 1) * 3_600_000, message: i % 3 === 0 ? `ERROR ${stream} ${i}` : `INFO ${i}` })));
      }
      const run = await cli(['logs:group//summary/app?pattern=ERROR', '--start', '-24h', '--json']);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as SummaryDocument;
      // Hours 1..23 back are in the last 24 hours: i = 0..22, every third an ERROR (8 a stream).
      assert.equal(doc.items, 16);
      assert.deepEqual(group(doc, 'stream'), { 'web-1': [8, undefined], 'web-2': [8, undefined] }, 'counted per stream; events have no size');
    });

    it('prints aligned tables; a grouping the list does not have is a usage error naming those it has', async function () {
      const run = await cli([`s3://${bucket}/alpha/`]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /^s3:\/\/summary-bucket\/alpha\/: 78 objects, /);
      assert.match(run.stdout, /\nBy extension\nextension\s+objects\s+%\s+size\s+%\n-+/);
      const wrong = await cli([`s3://${bucket}/`, '--by', 'colour']);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--by colour: the groupings of objects are storageClass, folder, extension, size, month/);
    });
  });
});

describe('Summarize: DynamoDB items and SQS queues (against the emulator)', function () {
  // 60 orders of 7 customers (customer c-0 has the most), each item a different size; queues named by team.
  const orders = Array.from({ length: 60 }, (_, i) => ({
    customer: { S: `c-${i % 7 === 6 ? 0 : i % 7}` }, order: { N: String(i) }, note: { S: 'x'.repeat(i) },
  }));
  const queues = ['orders-in', 'orders-dlq', 'billing_events', 'billing.fifo', 'solo'];
  const env = useEmulator(async (session) => {
    await createTable(session, 'summary-orders', ['customer:S', 'order:N']);
    await putItems(session, 'summary-orders', orders);
    await createQueues(session, queues);
  });
  let dir: string;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-summary-test-'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const summary = async (list: ListRef) => summaryDocument(await runSummary(env.session, {
    target: listingTarget(testConnection(env.emulator.endpoint)), list, pageSize: 25, limits: { top: 3, groupCap: 10_000 }, asOf: '2026-12-05T00:00:00.000Z',
  }, { store: new SummaryStore(dir) }));

  it('a table: its items, the bytes of their DynamoDB JSON, the partition keys with the most items first, the 3 largest', async function () {
    const doc = await summary({ kind: 'dynamodb.items', params: { table: 'summary-orders' } });
    assert.equal(doc.items, 60);
    assert.equal(doc.bytes, orders.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)), 0));
    const partitions = doc.groupings.find((g) => g.id === 'partition')!.groups;
    const expected = new Map<string, number>();
    orders.forEach((item) => expected.set(item.customer.S, (expected.get(item.customer.S) ?? 0) + 1));
    assert.deepEqual(Object.fromEntries(partitions.map((g) => [g.name, g.count])), Object.fromEntries(expected));
    assert.equal(partitions[0].name, 'c-0', 'the partition with the most items first');
    assert.deepEqual(doc.largest!.map((row) => (row.record.Item as { order: { N: string } }).order.N), ['59', '58', '57']);
  });

  it('a table read in 4 segments at once: the figures of the sequential Scan', async function () {
    const list: ListRef = { kind: 'dynamodb.items', params: { table: 'summary-orders' } };
    const job = { target: listingTarget(testConnection(env.emulator.endpoint)), list, pageSize: 25, limits: { top: 3, groupCap: 10_000 }, asOf: '2026-12-05T00:00:00.000Z' };
    const { pages: _one, ...sequential } = await summarize(env.session, job, { store: new SummaryStore(path.join(dir, 'a')) }).then(summaryDocument);
    const { pages: _four, ...segmented } = await summarize(env.session, job, { store: new SummaryStore(path.join(dir, 'b')), parallelism: 4 }).then(summaryDocument);
    assert.deepEqual(segmented, sequential);
  });

  it('queues by name prefix (up to the first -, _ or .)', async function () {
    const doc = await summary({ kind: 'sqs.queues', params: {} });
    assert.equal(doc.items, queues.length);
    assert.deepEqual(Object.fromEntries(doc.groupings.find((g) => g.id === 'prefix')!.groups.map((g) => [g.name, g.count])),
      { 'orders-': 2, 'billing_': 1, 'billing.': 1, '(no prefix)': 1 });
  });
});
