// S3 Inventory reports as lists: configurations (paged by ContinuationToken), reports newest first, and a report's
// objects read from its CSV.gz or Parquet data files, against reports the harness writes into the emulator as AWS
// writes them (test/support/inventoryReports.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteObjectCommand, ListBucketInventoryConfigurationsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { main } from '../../src/cli/main';
import { s3Client } from '../../src/core/services/s3/client';
import { listingPage, listingPages } from '../../src/core/listing';
import { describeProblem } from '../../src/core/problems/problem';
import { kindOf, parseAddress } from '../../src/core/services/registry';
import { TreeModel } from '../../src/core/tree/treeModel';
import { inventoryAlternatives } from '../../src/core/services/s3/inventory/alternatives';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { createBucket, useEmulator } from '../support/emulator';
import { expectedRecord, putReport, reportRoot, type ReportSpec } from '../support/inventoryReports';
import { type ListRef } from '../../src/core/lists';

const SOURCE = 'inv-source';
const DEST = 'inv-dest';
const older: ReportSpec = { sourceBucket: SOURCE, destinationBucket: DEST, destinationPrefix: 'reports', configId: 'daily-csv', stamp: '2026-11-30T01-00Z', format: 'CSV', rows: 500, files: 3, firstRow: 100_000 };
const newest: ReportSpec = { ...older, stamp: '2026-12-01T01-00Z', rows: 2_500, files: 4, firstRow: 0 };
// A prefix ending in "/": its reports' keys hold "//".
const parquet: ReportSpec = { sourceBucket: SOURCE, destinationBucket: DEST, destinationPrefix: 'pq/', configId: 'weekly-parquet', stamp: '2026-12-01T02-00Z', format: 'Parquet', rows: 1_200, files: 2, versions: true, rowGroupSize: 250 };
const versionsCsv: ReportSpec = { ...parquet, configId: 'versions-csv', destinationPrefix: undefined, format: 'CSV' };
const orc: ReportSpec = { sourceBucket: SOURCE, destinationBucket: DEST, configId: 'orc', stamp: '2026-12-01T03-00Z', format: 'ORC', rows: 10, files: 1 };
const damaged: ReportSpec = { sourceBucket: SOURCE, destinationBucket: DEST, configId: 'damaged', stamp: '2026-12-01T04-00Z', format: 'CSV', rows: 900, files: 3, corruptFile: 1 };
const pending: ReportSpec = { ...damaged, configId: 'pending', corruptFile: undefined };
const holed: ReportSpec = { ...damaged, configId: 'holed', corruptFile: undefined };
const elsewhere: ReportSpec = { sourceBucket: SOURCE, destinationBucket: 'other-account', configId: 'elsewhere', stamp: '2026-12-01T05-00Z', format: 'CSV', rows: 10, files: 1 };

const records = (spec: ReportSpec) => Array.from({ length: spec.rows }, (_, i) => expectedRecord(spec, i));

describe('S3 Inventory reports (against the emulator and the inventory configuration stand-in)', function () {
  const fixture = useEmulator(async (session) => {
    for (const bucket of [SOURCE, DEST, 'other-account', 'many-configs', 'no-inventory']) {
      await createBucket(session, bucket);
    }
    const store = fixture.emulator.inventory;
    for (const spec of [newest, parquet, versionsCsv, orc, damaged, pending, holed, elsewhere]) {
      store.put(SOURCE, {
        id: spec.configId, destinationBucket: spec.destinationBucket, destinationPrefix: spec.destinationPrefix, format: spec.format,
        versions: spec.versions ? 'All' : 'Current', frequency: spec === parquet ? 'Weekly' : 'Daily', ...(spec === elsewhere ? { destinationAccount: '999999999999' } : {}),
      });
    }
    for (let i = 0; i < 230; i++) {
      store.put('many-configs', { id: `config-${String(i).padStart(3, '0')}`, destinationBucket: DEST, format: 'CSV' });
    }
    await putReport(session, older);
    for (const spec of [newest, parquet, versionsCsv, orc, damaged, elsewhere]) {
      await putReport(session, spec);
    }
    await putReport(session, pending, ['manifest.checksum']);
    const holedObjects = await putReport(session, holed);
    holedFile = holedObjects[1].key;
    await (await session.client(s3Client)).send(new DeleteObjectCommand({ Bucket: DEST, Key: holedFile }));
  });
  let holedFile = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-inventory-test-'));
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
  const cli = async (args: string[]) => {
    let stderr = '';
    const out = { write: () => true } as unknown as NodeJS.WritableStream;
    const err = { write: (text: string) => ((stderr += text), true) } as unknown as NodeJS.WritableStream;
    const code = await main([...args, '--endpoint-url', fixture.proxy.endpoint, '--state-dir', path.join(dir, 'state')], { stdout: out, stderr: err, env, cwd: dir } as never);
    return { code, stderr };
  };
  const exportOf = async (address: string, ...extra: string[]) => {
    const out = path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
    const { code, stderr } = await cli([address, '--out', out, ...extra]);
    assert.equal(code, 0, stderr);
    return fs.readFileSync(out, 'utf8');
  };
  const lines = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const allItems = async (list: ListRef, pageSize = 1000) => {
    const items = [];
    for await (const page of listingPages(fixture.session, { list, pageSize }, {}, {})) {
      items.push(...page.items);
    }
    return items;
  };

  it('ListBucketInventoryConfigurations pages by ContinuationToken, 100 at a time (the SDK\'s own command), and the list reads every page', async function () {
    const s3 = await fixture.session.client(s3Client);
    const first = await s3.send(new ListBucketInventoryConfigurationsCommand({ Bucket: 'many-configs' }));
    assert.equal(first.InventoryConfigurationList?.length, 100);
    assert.equal(first.IsTruncated, true);
    const second = await s3.send(new ListBucketInventoryConfigurationsCommand({ Bucket: 'many-configs', ContinuationToken: first.NextContinuationToken }));
    assert.equal(second.InventoryConfigurationList?.[0].Id, 'config-100');
    const items = await allItems(parseAddress('s3-inventory://many-configs?configurations'));
    assert.deepEqual(items.map((item) => item.name), Array.from({ length: 230 }, (_, i) => `config-${String(i).padStart(3, '0')}`));
    const requests = fixture.proxy.log.filter((request) => request.url.includes('many-configs') && request.url.includes('inventory'));
    assert.ok(requests.length >= 5, 'three pages for the list itself');
  });

  it('a bucket\'s configurations say their format, schedule and versions, and expand to their reports, newest first', async function () {
    const configs = await allItems({ kind: 's3.inventoryConfigs', params: { bucket: SOURCE } });
    const csv = configs.find((item) => item.name === 'daily-csv')!;
    assert.equal(csv.description, 'CSV · Daily · current versions');
    assert.equal(configs.find((item) => item.name === 'weekly-parquet')!.description, 'Parquet · Weekly · all versions');
    assert.equal((csv.record.Destination as { S3BucketDestination: { Bucket: string } }).S3BucketDestination.Bucket, `arn:aws:s3:::${DEST}`);
    const reports = await allItems(csv.children!);
    assert.deepEqual(reports.map((item) => item.name), ['2026-12-01 01:00 UTC', '2026-11-30 01:00 UTC']);
    assert.deepEqual(reports[0].children, { kind: 's3.inventory', params: { bucket: SOURCE, config: 'daily-csv', report: '2026-12-01T01-00Z' } });
  });

  it('a CSV report exports every row in the report\'s order, under the live listing\'s field names; @DATE picks an older report', async function () {
    assert.deepEqual(lines(await exportOf(`s3-inventory://${SOURCE}/daily-csv`)), records(newest));
    assert.deepEqual(lines(await exportOf(`s3-inventory://${SOURCE}/daily-csv@2026-11-30`)), records(older));
  });

  it('a Parquet report of every version, under a prefix ending in "/", gives the records its CSV twin gives', async function () {
    const fromParquet = lines(await exportOf(`s3-inventory://${SOURCE}/weekly-parquet`));
    assert.deepEqual(fromParquet, records(parquet));
    assert.deepEqual(lines(await exportOf(`s3-inventory://${SOURCE}/versions-csv`)).map(({ inventoryDate: _d, ...rest }) => rest), fromParquet.map(({ inventoryDate: _d, ...rest }) => rest));
    assert.ok(fromParquet.some((record) => record.itemType === 'deleteMarker') && fromParquet.some((record) => record.itemType === 'version'));
  });

  it('pages hold their position (report/file/row): paging 300 at a time across file ends gives every row once', async function () {
    const list = parseAddress(`s3-inventory://${SOURCE}/daily-csv`);
    let page = await listingPage(fixture.session, { list, pageSize: 300 }, {}, {});
    const keys = page.items.map((item) => item.record.Key);
    const tokens = [];
    while (page.nextToken) {
      tokens.push(page.nextToken);
      page = await listingPage(fixture.session, { list, pageSize: 300 }, { token: page.nextToken }, {});
      keys.push(...page.items.map((item) => item.record.Key));
    }
    assert.deepEqual(keys, records(newest).map((record) => record.Key));
    assert.equal(tokens[0], '2026-12-01T01-00Z/0/300');
    // 625 rows a file: the third page ends the first file, the next starts the second.
    assert.ok(tokens.includes('2026-12-01T01-00Z/1/0'), tokens.join(' '));
  });

  it('an export cancelled after a few pages resumes where it stopped: the file is byte for byte the uninterrupted one', async function () {
    const whole = await exportOf(`s3-inventory://${SOURCE}/weekly-parquet`, '--page-size', '100');
    const job: ExportJob = { target: listingTarget(fixture.session.connection), list: parseAddress(`s3-inventory://${SOURCE}/weekly-parquet`), pageSize: 100, format: 'jsonl', outputPath: path.join(dir, 'resumed.jsonl') };
    const store = new FileCheckpointStore(path.join(dir, 'resume-state'));
    const controller = new AbortController();
    await assert.rejects(startExport(fixture.session, job, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 7 && controller.abort() }));
    const checkpoint = await store.load(checkpointId(job));
    assert.equal(checkpoint?.nextToken, '2026-12-01T02-00Z/1/100', 'the second file, its second page');
    await resumeExport(fixture.session, checkpoint!, { store });
    assert.equal(fs.readFileSync(job.outputPath, 'utf8'), whole);
  });

  it('--parallel N reads data files at once and writes them in manifest order: the same bytes as one at a time, with more parts than files too', async function () {
    const sequential = await exportOf(`s3-inventory://${SOURCE}/daily-csv`);
    assert.equal(await exportOf(`s3-inventory://${SOURCE}/daily-csv`, '--parallel', '3'), sequential);
    assert.equal(await exportOf(`s3-inventory://${SOURCE}/daily-csv`, '--parallel', '6'), sequential);
    assert.equal(await exportOf(`s3-inventory://${SOURCE}/weekly-parquet`, '--parallel', '4'), await exportOf(`s3-inventory://${SOURCE}/weekly-parquet`));
  });

  it('a network reset in the middle of a data file is retried, and nothing is lost or written twice', async function () {
    let resets = 0;
    fixture.proxy.setRule((request) => (request.url.includes('/data/') && request.method === 'GET' && resets++ < 2 ? { kind: 'resetMidResponse' } : undefined));
    const text = await exportOf(`s3-inventory://${SOURCE}/daily-csv`);
    assert.ok(resets >= 2);
    assert.deepEqual(lines(text), records(newest));
  });

  it('says what is wrong, in words: ORC, a damaged file, a report still being written, a missing file, another account\'s destination', async function () {
    const message = async (address: string) => {
      const { code, stderr } = await cli([address, '--out', path.join(dir, `${Math.random()}.jsonl`)]);
      assert.notEqual(code, 0);
      return stderr;
    };
    assert.match(await message(`s3-inventory://${SOURCE}/orc`), /ORC, which the extension cannot read.*Parquet or CSV/s);
    const damagedFile = reportRoot(damaged);
    assert.match(await message(`s3-inventory://${SOURCE}/damaged`), new RegExp(`data file ${damagedFile}data/\\S+0001-damaged\\.csv\\.gz is damaged: its MD5`));
    assert.match(await message(`s3-inventory://${SOURCE}/pending`), /is not complete: .*manifest\.json or its manifest\.checksum is not there yet/);
    assert.match(await message(`s3-inventory://${SOURCE}/holed`), new RegExp(`${holedFile.replace(/[.]/g, '\\.')} of the report of 2026-12-01T04-00Z is missing`));
    fixture.proxy.setRule((request) => (request.url.startsWith('/other-account') ? { kind: 'accessDenied' } : undefined));
    assert.match(await message(`s3-inventory://${SOURCE}/elsewhere`), /written to s3:\/\/other-account\/inv-source\/elsewhere\/, in account 999999999999, which this connection may not read/);
    assert.match(await message(`s3-inventory://${SOURCE}`), /has 8 inventory configurations; name one/);
    assert.match(await message('s3-inventory://no-inventory'), /has no S3 Inventory configuration/);
    assert.match(await message(`s3-inventory://${SOURCE}/daily-csv@2026-10-01`), /no report of 2026-10-01 .*2026-12-01T01-00Z, 2026-11-30T01-00Z/);
  });

  it('a damaged file stops the export before its last rows, keeping the checkpoint of the rows before', async function () {
    const job: ExportJob = { target: listingTarget(fixture.session.connection), list: parseAddress(`s3-inventory://${SOURCE}/damaged`), pageSize: 100, format: 'jsonl', outputPath: path.join(dir, 'damaged.jsonl') };
    const store = new FileCheckpointStore(path.join(dir, 'damaged-state'));
    const error = await startExport(fixture.session, job, { store }).then(() => undefined, (e: unknown) => e);
    assert.match(describeProblem(error).message, /is damaged/);
    const checkpoint = await store.load(checkpointId(job));
    assert.equal(checkpoint?.itemsWritten, 300 + 200, 'the first file whole, and the damaged one but its last page');
  });

  it('a report\'s rows are object rows: Show Details asks HeadObject of the live object (a version row, of its version)', async function () {
    await (await fixture.session.client(s3Client)).send(new PutObjectCommand({ Bucket: SOURCE, Key: String(records(newest)[3].Key), Body: 'live bytes' }));
    const page = await listingPage(fixture.session, { list: parseAddress(`s3-inventory://${SOURCE}/daily-csv`), pageSize: 5 }, {}, {});
    const item = page.items[3];
    assert.equal(item.itemKind, 's3Object');
    assert.equal(item.id, `s3://${SOURCE}/${String(item.record.Key)}`, 'the live object\'s S3 URI: Open and Download read it');
    const details = kindOf(parseAddress(`s3-inventory://${SOURCE}/daily-csv`)).detailsOf!(item)!;
    assert.equal(details.operation, 'HeadObject');
    assert.equal((await details.fetch(fixture.session, {})).ContentLength, 'live bytes'.length);
    const versions = await listingPage(fixture.session, { list: parseAddress(`s3-inventory://${SOURCE}/versions-csv`), pageSize: 100 }, {}, {});
    const older = versions.items.find((row) => row.record.itemType === 'version')!;
    assert.equal(older.itemKind, 's3ObjectVersion');
    assert.match(older.id, /\?versionId=v/);
    assert.equal(kindOf(parseAddress(`s3-inventory://${SOURCE}/versions-csv`)).detailsOf!(versions.items.find((row) => row.record.itemType === 'deleteMarker')!), undefined);
  });

  it('the tree shows Inventory Reports above a bucket\'s objects only when it has configurations it may read', async function () {
    const model = new TreeModel({ clients: async () => fixture.session, pageSize: () => 100 });
    const bucket = (name: string) => ({ kind: 's3.objects', params: { bucket: name, prefix: '', delimiter: '/' } });
    assert.deepEqual(await model.companionsOf(bucket(SOURCE)), [{ kind: 's3.inventoryConfigs', params: { bucket: SOURCE } }]);
    assert.deepEqual(await model.companionsOf(bucket('no-inventory')), [], 'none configured');
    assert.deepEqual(await model.companionsOf({ kind: 's3.objects', params: { bucket: SOURCE, prefix: 'logs/', delimiter: '/' } }), [], 'a folder shows none');
    fixture.emulator.inventory.denied.add('many-configs');
    try {
      assert.deepEqual(await model.companionsOf(bucket('many-configs')), [], 'AccessDenied: no node, no error row');
    } finally {
      fixture.emulator.inventory.denied.delete('many-configs');
    }
  });

  it('Export and Summarize are offered a report younger than a week, with an estimate, instead of the live listing', async function () {
    const bucket = { bucket: SOURCE, prefix: '', delimiter: '' };
    const found = await inventoryAlternatives(fixture.session, bucket, {}, Date.parse('2026-12-03T00:00:00Z'));
    const daily = found.find((alternative) => alternative.list.params.config === 'daily-csv')!;
    assert.deepEqual(daily.list, { kind: 's3.inventory', params: { bucket: SOURCE, config: 'daily-csv', report: '2026-12-01T01-00Z' } });
    assert.equal(daily.label, 'From the inventory of 2026-12-01');
    assert.match(daily.detail, /^daily-csv: about [\d,]+ objects as of that date, [\d.]+ [KM]B in 4 files; about \d+ s to read$/);
    assert.ok(daily.items! > newest.rows / 3 && daily.items! < newest.rows * 3, `an estimate near ${newest.rows}: ${daily.items}`);
    assert.ok(!found.some((alternative) => alternative.list.params.config === 'orc'), 'ORC cannot be read: not offered');
    assert.deepEqual(await inventoryAlternatives(fixture.session, bucket, {}, Date.parse('2026-12-09T00:00:00Z')), [], 'older than a week');
    assert.deepEqual(await inventoryAlternatives(fixture.session, { ...bucket, prefix: 'logs/' }, {}, Date.parse('2026-12-03T00:00:00Z')), [], 'a folder is not the report');
  });

  it('summarize and find read a report like any list', async function () {
    const out = path.join(dir, 'summary.json');
    const { code, stderr } = await cli(['summarize', `s3-inventory://${SOURCE}/daily-csv`, '--json', '--out', out]);
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(fs.readFileSync(out, 'utf8')) as { items: number; bytes: number; groupings: unknown };
    assert.equal(summary.items, newest.rows);
    assert.equal(summary.bytes, records(newest).reduce((sum, record) => sum + (record.Size as number), 0));
    const inParts = path.join(dir, 'summary-parts.json');
    const parts = await cli(['summarize', `s3-inventory://${SOURCE}/daily-csv`, '--json', '--out', inParts, '--parallel', '3']);
    assert.equal(parts.code, 0, parts.stderr);
    const parallel = JSON.parse(fs.readFileSync(inParts, 'utf8')) as typeof summary;
    assert.deepEqual([parallel.items, parallel.bytes, parallel.groupings], [summary.items, summary.bytes, summary.groupings], 'three runs of data files at once: the same figures');
    const found = path.join(dir, 'found.jsonl');
    const result = await cli(['find', `s3-inventory://${SOURCE}/daily-csv`, '+draft', '--out', found]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(lines(fs.readFileSync(found, 'utf8')).map((record) => record.Key), records(newest).map((record) => String(record.Key)).filter((key) => key.includes('+draft')));
  });
});
