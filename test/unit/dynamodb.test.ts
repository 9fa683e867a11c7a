// DynamoDB tables, items (Scan) and Query results on dynalite, through the real SDK client: the tree, details, the
// exporter in every format and style, the parallel scan, and what goes wrong.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteTableCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { exactJson } from '../../src/core/json';
import { dynamodbClient } from '../../src/core/services/dynamodb/client';
import { queryTable } from '../../src/core/services/dynamodb/queryAction';
import { adders, parseAddress } from '../../src/core/services/registry';
import { type Prompter } from '../../src/core/services/service';
import { adderPin } from '../../src/core/tree/pins';
import { detailsOf, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createTable, numberedNames, putItems, testSession, useEmulator } from '../support/emulator';
import { type ListRef, type Value } from '../../src/core/lists';

const tables: ListRef = { kind: 'dynamodb.tables', params: {} };
const items = (table: string): ListRef => ({ kind: 'dynamodb.items', params: { table } });

/** Every attribute type, and values JavaScript numbers would round. */
const oddItem: Record<string, AttributeValue> = {
  pk: { S: 'odd' },
  big: { N: '123456789012345678901234567890123456' },
  beyond53: { N: '9007199254740993' },
  decimal: { N: '0.1000000000000000055511151231257827' },
  negative: { N: '-1E+5' }, // DynamoDB (and dynalite) store it as -100000
  bin: { B: Buffer.from([0, 1, 2, 250, 255]) },
  strings: { SS: ['a', 'ü'] },
  numbers: { NS: ['1', '98765432109876543210'] },
  bins: { BS: [Buffer.from('hi')] },
  list: { L: [{ S: 'x' }, { N: '2' }, { NULL: true }, { BOOL: false }] },
  map: { M: { nested: { M: { deep: { S: '日本語 😀' } } } } },
  nothing: { NULL: true },
  yes: { BOOL: true },
};

describe('DynamoDB against dynalite', function () {
  const orders = numberedNames('c', 40, 4).flatMap((customer) => ['2024-01', '2024-02', '2024-03'].map((date, i) => ({ customer, date, total: String(10 + i) })));

  const env = useEmulator(async (seed) => {
    await Promise.all(numberedNames('t', 130, 3).map((name) => createTable(seed, name, ['id:S'])));
    await createTable(seed, 'plain', ['pk:S']);
    await putItems(seed, 'plain', [...numberedNames('p', 250, 4).map((pk) => ({ pk: { S: pk }, n: { N: pk.slice(2) } })), oddItem]);
    await createTable(seed, 'orders', ['customer:S', 'date:S'], { byTotal: ['total:N', 'customer:S'] });
    await putItems(seed, 'orders', orders.map((o) => ({ customer: { S: o.customer }, date: { S: o.date }, total: { N: o.total } })));
    await createTable(seed, 'empty', ['pk:S']);
  }, { maxAttempts: 1 });

  const model = (pageSize: number) => new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });

  it('DynamoDB Tables pages by at most 100 (ListTables Limit), the token a table name in Load more', async function () {
    const tree = model(1000);
    await tree.ensureLoaded(tables);
    const first = tree.snapshot(tables);
    assert.equal(first.items.length, 100);
    const more = rowsOf(first).at(-1);
    const lastName = first.items[99].name;
    assert.equal(more?.type === 'loadMore' && more.token, lastName, 'the token is LastEvaluatedTableName');
    await tree.loadMore(tables, first.nextToken!);
    assert.equal(tree.snapshot(tables).failure?.problem.message, undefined);
    assert.deepEqual(tree.snapshot(tables).items.map((item) => item.name), [...numberedNames('t', 130, 3), 'empty', 'orders', 'plain'].sort());
    assert.deepEqual(env.proxy.log.filter((r) => r.action === 'ListTables').map((r) => [r.pageSize, r.token]), [[100, undefined], [100, lastName]]);
  });

  it('a table expands to its items, Scan pages of the page size, Load more holding LastEvaluatedKey as one canonical text', async function () {
    const tree = model(100);
    await tree.ensureLoaded(items('plain'));
    const snapshot = tree.snapshot(items('plain'));
    assert.equal(snapshot.items.length, 100);
    const token = snapshot.nextToken!;
    assert.deepEqual(JSON.parse(token), { pk: { S: snapshot.items[99].name } }, 'the typed key as JSON');
    await tree.loadAll(items('plain'));
    const all = tree.snapshot(items('plain')).items;
    assert.equal(all.length, 251);
    assert.equal(new Set(all.map((item) => item.id)).size, 251);
    const scans = env.proxy.log.filter((r) => r.action === 'Scan');
    assert.ok(scans.every((r) => r.pageSize === 100), 'Limit = the page size on every request');
    assert.equal(scans[1].token, token);
    assert.equal(env.proxy.log.filter((r) => r.action === 'DescribeTable').length, 1, 'the key schema is asked once');
  });

  it('an item is labelled by its key (pk · sk), with a preview of its other attributes', async function () {
    const tree = model(5);
    await tree.ensureLoaded(items('orders'));
    const [first] = tree.snapshot(items('orders')).items;
    assert.match(first.name, /^c-\d{4} · 2024-0[1-3]$/);
    assert.match(first.description ?? '', /^total=\d+$/);
    assert.equal(first.itemKind, 'dynamodbItem');
  });

  it('an empty page that still has a LastEvaluatedKey (a filtered Scan on dynalite) keeps Load more and loses nothing', async function () {
    const tree = model(50);
    env.proxy.setRule((r) => (r.action === 'Scan' && r.index % 2 === 0 ? { kind: 'emptyPage' } : undefined));
    await tree.ensureLoaded(items('plain'));
    assert.equal(tree.snapshot(items('plain')).items.length, 0);
    assert.equal(rowsOf(tree.snapshot(items('plain'))).at(-1)?.type, 'loadMore', 'not "No items"');
    await tree.loadAll(items('plain'));
    assert.equal(new Set(tree.snapshot(items('plain')).items.map((item) => item.id)).size, 251);
    assert.ok(env.proxy.log.filter((r) => r.faults.includes('emptyPage')).length >= 6);
  });

  it('Show Details and Copy as JSON of an item: the item exact, sends no request; a table: DescribeTable', async function () {
    const tree = model(1000);
    await tree.ensureLoaded(items('plain'));
    const odd = tree.snapshot(items('plain')).items.find((item) => item.name === 'odd')!;
    const details = detailsOf(items('plain'), odd)!;
    assert.equal(details.local, true);
    const before = env.proxy.log.length;
    const text = exactJson(await details.fetch(env.session, {}) as Value, 2);
    assert.equal(env.proxy.log.length, before, 'no request');
    for (const exact of ['"big": 123456789012345678901234567890123456', '"beyond53": 9007199254740993', '"decimal": 0.1000000000000000055511151231257827',
      '"negative": -100000', '"bin": "AAEC+v8="', '"bins": [\n    "aGk="\n  ]', '"nothing": null', '"yes": true', '"deep": "日本語 😀"']) {
      assert.ok(text.includes(exact), `${exact} in ${text}`);
    }
    assert.match(text, /"numbers": \[\n {4}1,\n {4}98765432109876543210\n {2}\]/);
    assert.deepEqual(JSON.parse(text).strings, ['a', 'ü']);

    await tree.ensureLoaded(tables);
    const table = tree.snapshot(tables).items.find((item) => item.name === 'orders')!;
    const described = await detailsOf(tables, table)!.fetch(env.session, {});
    assert.equal(described.TableName, 'orders');
    assert.deepEqual((described.GlobalSecondaryIndexes as { IndexName: string }[]).map((index) => index.IndexName), ['byTotal']);
  });

  it('Query by Partition Key… on a table and on an index, with sort key conditions, paged the same way', async function () {
    const answers: unknown[] = [];
    const prompter: Prompter = {
      pick: async ({ choices }) => {
        const answer = answers.shift();
        return choices.find((choice) => choice.label === answer)?.value;
      },
      input: async () => answers.shift() as string,
    };
    const table = adderPin(adders.find((adder) => adder.root === 'dynamodb.tables')!, 'orders', { region: 'us-east-1', partition: 'aws' }).item;

    answers.push('orders', 'c-0007', 'date begins with…', '2024-0');
    const query = (await queryTable.open({ item: table, list: table.children! }, env.session, prompter, {}))!;
    assert.deepEqual(query, { kind: 'dynamodb.query', params: { table: 'orders', pk: 'customer', pkValue: 'c-0007', sk: 'date', skOp: 'begins_with', skValue: '2024-0' } });
    assert.deepEqual(parseAddress('dynamodb:table/orders/query?pk=customer&pkValue=c-0007&sk=date&skOp=begins_with&skValue=2024-0'), query);
    const tree = model(2);
    await tree.ensureLoaded(query);
    assert.equal(tree.snapshot(query).items.length, 2);
    assert.equal(rowsOf(tree.snapshot(query)).at(-1)?.type, 'loadMore');
    await tree.loadAll(query);
    assert.deepEqual(tree.snapshot(query).items.map((item) => item.name), ['c-0007 · 2024-01', 'c-0007 · 2024-02', 'c-0007 · 2024-03']);

    answers.push('orders', 'c-0001', 'date between…', '2024-02', '2024-03');
    const between = (await queryTable.open({ item: table, list: table.children! }, env.session, prompter, {}))!;
    await tree.loadAll(between);
    assert.deepEqual(tree.snapshot(between).items.map((item) => item.name), ['c-0001 · 2024-02', 'c-0001 · 2024-03']);

    answers.push('byTotal', '11', 'Every item of the partition');
    const byTotal = (await queryTable.open({ item: table, list: table.children! }, env.session, prompter, {}))!;
    assert.deepEqual(byTotal.params, { table: 'orders', index: 'byTotal', pk: 'total', pkValue: '11' });
    await tree.loadAll(byTotal);
    assert.equal(tree.snapshot(byTotal).items.length, 40);
    assert.ok(tree.snapshot(byTotal).items.every((item) => item.name.endsWith('2024-02')), 'labelled by the table key');
  });

  describe('export', function () {
    let dir: string;
    let store: FileCheckpointStore;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-dynamodb-'));
      store = new FileCheckpointStore(path.join(dir, 'state'));
    });
    afterEach(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    const job = (list: ListRef, format: ExportFormat, name: string, style?: string): ExportJob => ({
      target: listingTarget(env.session.connection), list, pageSize: 40, format, outputPath: path.join(dir, name), ...(style ? { style } : {}),
    });

    /** The table as the SDK scans it in one go: what every export must hold. */
    async function scanAll(table: string): Promise<Record<string, AttributeValue>[]> {
      const output = await (await env.session.client(dynamodbClient)).send(new ScanCommand({ TableName: table }));
      return output.Items!;
    }

    it('JSON Lines in DynamoDB\'s own format by default ({"Item": typed} per line), every item once, binary as base64', async function () {
      const done = await startExport(env.session, job(items('plain'), 'jsonl', 'plain.jsonl'), { store });
      assert.equal(done.itemsWritten, 251);
      const lines = fs.readFileSync(path.join(dir, 'plain.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { Item: Record<string, { B?: string }> });
      assert.ok(lines.every((line) => Object.keys(line).join() === 'Item'));
      const odd = lines.find((line) => (line.Item.pk as { S?: string }).S === 'odd')!.Item;
      assert.deepEqual(odd.big, { N: '123456789012345678901234567890123456' });
      assert.deepEqual(odd.bin, { B: 'AAEC+v8=' });
      assert.deepEqual(odd.bins, { BS: ['aGk='] });
      const scanned = (await scanAll('plain')).map((item) => JSON.stringify(item.pk)).sort();
      assert.deepEqual(lines.map((line) => JSON.stringify(line.Item.pk)).sort(), scanned);
    });

    it('--plain: untyped items, numbers digit for digit, sets as arrays; CSV: the key columns and the item\'s JSON; JSON: one array', async function () {
      await startExport(env.session, job(items('plain'), 'jsonl', 'plain.jsonl', 'plain'), { store });
      const text = fs.readFileSync(path.join(dir, 'plain.jsonl'), 'utf8');
      const odd = text.split('\n').find((line) => line.includes('"odd"'))!;
      assert.ok(odd.includes('"big":123456789012345678901234567890123456'), odd);
      assert.ok(odd.includes('"decimal":0.1000000000000000055511151231257827'), odd);
      assert.ok(odd.includes('"numbers":[1,98765432109876543210]'), odd);
      assert.ok(odd.includes('"list":["x",2,null,false]'), odd);

      await startExport(env.session, job(items('orders'), 'csv', 'orders.csv'), { store });
      const csv = fs.readFileSync(path.join(dir, 'orders.csv'), 'utf8').split('\r\n');
      assert.equal(csv[0], 'customer,date,Item');
      assert.equal(csv.length, orders.length + 2);
      assert.match(csv[1], /^c-\d{4},2024-0\d,"{""customer"":{""S"":""c-\d{4}""},/);

      await startExport(env.session, job(items('orders'), 'csv', 'orders-plain.csv', 'plain'), { store });
      assert.match(fs.readFileSync(path.join(dir, 'orders-plain.csv'), 'utf8').split('\r\n')[1], /^c-\d{4},2024-0\d,"{""customer"":""c-\d{4}"",""date"":""2024-0\d"",""total"":1\d}"$/);

      await startExport(env.session, job(items('empty'), 'json', 'empty.json'), { store });
      assert.equal(fs.readFileSync(path.join(dir, 'empty.json'), 'utf8'), '[]\n');
      const query = parseAddress('dynamodb:table/orders/query?pk=customer&pkValue=c-0002');
      await startExport(env.session, job(query, 'json', 'query.json'), { store });
      assert.deepEqual((JSON.parse(fs.readFileSync(path.join(dir, 'query.json'), 'utf8')) as { Item: { date: { S: string } } }[]).map((o) => o.Item.date.S), ['2024-01', '2024-02', '2024-03']);
    });

    it('a parallel scan of N segments: each segment checkpointed, the same set of lines as sequential, the same bytes for the same N', async function () {
      const sequential = await startExport(env.session, job(items('plain'), 'jsonl', 'sequential.jsonl'), { store });
      const parallel = await startExport(env.session, job(items('plain'), 'jsonl', 'parallel.jsonl'), { store, parallelism: 4 });
      assert.equal(parallel.itemsWritten, sequential.itemsWritten);
      const lines = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').trim().split('\n');
      assert.deepEqual(lines('parallel.jsonl').sort(), lines('sequential.jsonl').sort());
      const segments = env.proxy.log.filter((r) => r.action === 'Scan' && r.input?.TotalSegments === 4);
      assert.deepEqual([...new Set(segments.map((r) => r.input?.Segment))].sort(), [0, 1, 2, 3]);
      await startExport(env.session, job(items('plain'), 'jsonl', 'again.jsonl'), { store, parallelism: 4 });
      assert.ok(fs.readFileSync(path.join(dir, 'again.jsonl')).equals(fs.readFileSync(path.join(dir, 'parallel.jsonl'))));
    });

    it('cancelled mid-way, sequential and parallel, and resumed: the bytes of an uninterrupted export', async function () {
      for (const parallelism of [1, 4]) {
        const reference = `reference-${parallelism}.jsonl`;
        await startExport(env.session, job(items('plain'), 'jsonl', reference), { store, parallelism });
        for (const stopAt of [2, 5]) {
          const name = `stopped-${parallelism}-${stopAt}.jsonl`;
          const controller = new AbortController();
          let scans = 0;
          env.proxy.setRule((r) => {
            if (r.action === 'Scan' && ++scans === stopAt) {
              controller.abort();
            }
            return undefined;
          });
          await assert.rejects(startExport(env.session, job(items('plain'), 'jsonl', name), { store, parallelism, signal: controller.signal }), { name: 'AbortError' });
          env.proxy.setRule(undefined);
          const kept = (await store.list()).find((checkpoint) => checkpoint.job.outputPath.endsWith(name))!;
          assert.ok(kept, 'a checkpoint is kept');
          await resumeExport(env.session, kept, { store, parallelism });
          assert.ok(fs.readFileSync(path.join(dir, name)).equals(fs.readFileSync(path.join(dir, reference))), `${name}: byte for byte`);
        }
      }
    });

    it('throttling (ProvisionedThroughputExceededException) is retried by the SDK and costs nothing', async function () {
      const session = testSession(env.proxy.endpoint, { maxAttempts: 3 });
      try {
        env.proxy.setRule((r) => (r.action === 'Scan' && r.index % 3 === 1 ? { kind: 'throttle' } : undefined));
        const done = await startExport(session, job(items('plain'), 'jsonl', 'throttled.jsonl'), { store });
        assert.equal(done.itemsWritten, 251);
        assert.ok(env.proxy.log.some((r) => r.faults.includes('throttle')));
      } finally {
        session.dispose();
      }
    });
  });

  describe('what goes wrong', function () {
    it('a missing table is "not found", before any file is written', async function () {
      const tree = model(10);
      await tree.ensureLoaded(items('no-such-table'));
      assert.equal(tree.snapshot(items('no-such-table')).failure?.problem.kind, 'notFound');
      assert.match(tree.snapshot(items('no-such-table')).failure!.problem.message, /ResourceNotFoundException/);
    });

    it('a refused LastEvaluatedKey says so and offers Start over', async function () {
      const tree = model(100);
      await tree.ensureLoaded(items('plain'));
      env.proxy.setRule((r) => (r.action === 'Scan' && r.token ? { kind: 'refuseToken' } : undefined));
      await tree.loadMore(items('plain'), tree.snapshot(items('plain')).nextToken!);
      const failure = tree.snapshot(items('plain')).failure;
      env.proxy.setRule(undefined);
      assert.equal(failure?.problem.kind, 'refusedToken');
      // The key is the position and does not expire: DescribeTable says the key still fits, so the table was re-created.
      assert.match(failure!.problem.message, /^DynamoDB refused the saved position pk \(S\), though it still fits the table's key \(pk \(S\)\): the table was probably deleted and created again\. Start over from the first page\.$/);
    });

    it('a table re-created with another key while its export was interrupted: the resume says what changed, and keeps the checkpoint', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-dynamodb-rekeyed-'));
      const store = new FileCheckpointStore(path.join(dir, 'state'));
      const session = testSession(env.emulator.endpoint);
      try {
        await createTable(session, 'rekeyed', ['pk:S']);
        await putItems(session, 'rekeyed', numberedNames('r', 90, 4).map((pk) => ({ pk: { S: pk } })));
        const job: ExportJob = { target: listingTarget(env.session.connection), list: items('rekeyed'), pageSize: 40, format: 'jsonl', outputPath: path.join(dir, 'rekeyed.jsonl') };
        const controller = new AbortController();
        await assert.rejects(startExport(env.session, job, { store, signal: controller.signal, onProgress: () => controller.abort() }), { name: 'AbortError' });
        const kept = (await store.list())[0];
        assert.equal(kept?.itemsWritten, 40);
        const client = await session.client(dynamodbClient);
        await client.send(new DeleteTableCommand({ TableName: 'rekeyed' }));
        await createTable(session, 'rekeyed', ['tenant:S', 'id:N']);
        // No fault injected: dynalite itself refuses a start key that does not match the table's key, as DynamoDB does.
        const fresh = testSession(env.proxy.endpoint);
        const error = await resumeExport(fresh, kept, { store }).then(() => undefined, (e: unknown) => e);
        fresh.dispose();
        const problem = describeExportProblem(error, { checkpoint: kept });
        assert.equal(problem.kind, 'refusedToken');
        assert.ok(problem.startOver);
        assert.match(problem.message, /^DynamoDB refused the saved position: the table's key changed since this listing began\. The position names pk \(S\); rekeyed now has the key tenant \(S\), id \(N\)\. Start over from the first page\. That writes the 40 items already exported again; the checkpoint is kept until then\.$/);
        assert.deepEqual(await store.load(kept.id), kept);
      } finally {
        session.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('a table deleted during an export: a clear message, the checkpoint kept', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-dynamodb-deleted-'));
      const store = new FileCheckpointStore(path.join(dir, 'state'));
      const session = testSession(env.emulator.endpoint);
      try {
        await createTable(session, 'doomed', ['pk:S']);
        await putItems(session, 'doomed', numberedNames('d', 120, 4).map((pk) => ({ pk: { S: pk } })));
        let scans = 0;
        env.proxy.setRule((r) => {
          if (r.action === 'Scan' && ++scans === 2) {
            return { kind: 'latency', ms: 50 };
          }
          return undefined;
        });
        const exporting = startExport(env.session, { target: listingTarget(env.session.connection), list: items('doomed'), pageSize: 40, format: 'jsonl', outputPath: path.join(dir, 'doomed.jsonl') }, { store });
        await new Promise((resolve) => setTimeout(resolve, 20));
        await (await session.client(dynamodbClient)).send(new DeleteTableCommand({ TableName: 'doomed' }));
        const error = await exporting.then(() => undefined, (e: unknown) => e);
        const kept = (await store.list())[0];
        const problem = describeExportProblem(error, { checkpoint: kept });
        assert.equal(problem.kind, 'notFound');
        assert.ok(kept, 'the checkpoint of the pages written is kept');
        assert.match(problem.message, /ResourceNotFoundException.*The export can be resumed: 40 items are saved/);
      } finally {
        session.dispose();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
