import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, listingTarget, type Checkpoint, type CheckpointStore, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem, OutputChangedError } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { type ExportProgress } from '../../src/core/export/options';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { exportFormats, type ExportFormat } from '../../src/core/records/formats';
import { doneMessage } from '../../src/core/export/messages';
import { resourceKind } from '../../src/core/services/registry';
import { createBucket, createTopics, numberedNames, putObjects, subscribeEmails, useEmulator } from '../support/emulator';
import { testCredentials } from '../support/isolatedEnv';
import { type ListRef } from '../../src/core/lists';

const objects = (bucket: string, prefix = '', delimiter = ''): ListRef => ({ kind: 's3.objects', params: { bucket, prefix, delimiter } });
const topics: ListRef = { kind: 'sns.topics', params: {} };

// Keys of one shape where a listing spans pages: fauxqs sorts with localeCompare but resumes with `>`.
describe('export of full listings with checkpoints (against the emulator)', function () {
  let dir: string;
  let store: FileCheckpointStore;
  let topicArns: string[];
  const bigKeys = numberedNames('obj', 2600, 5);
  const smallKeys = numberedNames('item', 23);
  const trickyKeys = ['a,comma.txt', 'b"quote".txt', 'c\nnew\nline.txt', 'd-ünïcödé/名前.txt', 'e-emoji-😀.txt'];

  const env = useEmulator(async (seed) => {
    await createBucket(seed, 'export-big');
    await putObjects(seed, 'export-big', bigKeys);
    await createBucket(seed, 'export-small');
    await putObjects(seed, 'export-small', smallKeys);
    await createBucket(seed, 'export-empty');
    await createBucket(seed, 'export-tricky');
    await putObjects(seed, 'export-tricky', trickyKeys);
    await createBucket(seed, 'export-folders');
    await putObjects(seed, 'export-folders', ['a/1.txt', 'a/2.txt', 'b/c/3.txt', 'root.txt']);
    topicArns = await createTopics(seed, numberedNames('topic', 250));
    await subscribeEmails(seed, topicArns[0], numberedNames('user', 120).map((n) => `${n}@example.com`));
  });

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-export-test-'));
    store = new FileCheckpointStore(path.join(dir, 'state'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function job(list: ListRef, format: ExportFormat, pageSize: number, name = `out.${format}`): ExportJob {
    return { target: listingTarget(env.session.connection), list, pageSize, format, outputPath: path.join(dir, name) };
  }

  /** An uninterrupted export into its own file; its bytes are what every interrupted and resumed export must give. */
  async function reference(list: ListRef, format: ExportFormat, pageSize: number): Promise<Buffer> {
    const done = await startExport(env.session, job(list, format, pageSize, `reference-${format}-${pageSize}`), { store });
    return fs.readFileSync(done.job.outputPath);
  }

  /** Starts an export and aborts it from the progress callback once `pages` pages are checkpointed. */
  async function exportAbortedAfter(j: ExportJob, pages: number): Promise<Checkpoint> {
    const controller = new AbortController();
    await assert.rejects(
      startExport(env.session, j, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === pages && controller.abort() }),
      { name: 'AbortError' },
    );
    const checkpoint = await store.load(checkpointId(j));
    assert.ok(checkpoint, 'a cancelled export keeps its checkpoint');
    return checkpoint;
  }

  it('writes 2,600 objects as JSON Lines, one record per line with the API\'s field names, and deletes the checkpoint', async function () {
    const progress: ExportProgress[] = [];
    const done = await startExport(env.session, job(objects('export-big'), 'jsonl', 1000), { store, onProgress: (p) => progress.push(p) });
    assert.equal(done.itemsWritten, 2600);
    assert.equal(done.pagesWritten, 3);
    assert.deepEqual(progress.map((p) => [p.pagesWritten, p.itemsWritten]), [[1, 1000], [2, 2000], [3, 2600]]);
    const lines = fs.readFileSync(done.job.outputPath, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a line break');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(records.map((r) => r.Key), bigKeys);
    assert.deepEqual(Object.keys(records[0]), ['Key', 'LastModified', 'ETag', 'Size', 'StorageClass', 's3Uri', 'itemType'], 'as list-objects-v2 prints them, then ours');
    assert.equal(records[0].s3Uri, 's3://export-big/obj-00001');
    assert.equal(records[0].Size, 'obj-00001'.length);
    assert.match(String(records[0].LastModified), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'ISO 8601 UTC');
    assert.deepEqual(await store.list(), [], 'success deletes the checkpoint');
    assert.equal(doneMessage(done), 'Exported 2,600 objects to out.jsonl');
  });

  it('writes CSV with a header and RFC 4180 quoting of commas, quotes and line breaks, and Unicode keys as UTF-8', async function () {
    const done = await startExport(env.session, job(objects('export-tricky'), 'csv', 2), { store });
    const text = fs.readFileSync(done.job.outputPath, 'utf8');
    assert.ok(text.startsWith('Key,Prefix,LastModified,ETag,ChecksumAlgorithm,ChecksumType,Size,StorageClass,Owner,RestoreStatus,s3Uri,itemType\r\n'));
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], [...resourceKind('s3.objects').columns]);
    assert.deepEqual(rows.slice(1).map((row) => row[0]), trickyKeys);
    assert.ok(rows.slice(1).every((row) => row.length === 12));
    assert.ok(text.includes('\r\n"a,comma.txt",,'));
    assert.ok(text.includes(',11,STANDARD,,,"s3://export-tricky/a,comma.txt",object\r\n'));
    assert.ok(text.includes('\r\n"b""quote"".txt",,'));
    assert.ok(text.includes('\r\n"c\nnew\nline.txt",'));
    assert.ok(text.includes(',s3://export-tricky/d-ünïcödé/名前.txt,object\r\n'));
    assert.ok(text.endsWith('\r\n'));
  });

  it('writes one valid JSON array across pages, and `[]` for an empty listing', async function () {
    const full = await startExport(env.session, job(objects('export-small'), 'json', 5), { store });
    const array = JSON.parse(fs.readFileSync(full.job.outputPath, 'utf8')) as Array<Record<string, unknown>>;
    assert.deepEqual(array.map((r) => r.Key), smallKeys);
    const lines = await startExport(env.session, job(objects('export-small'), 'jsonl', 5), { store });
    assert.deepEqual(array, fs.readFileSync(lines.job.outputPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l)), 'JSON and JSON Lines hold the same records');

    const empty = await startExport(env.session, job(objects('export-empty'), 'json', 5, 'empty.json'), { store });
    assert.equal(fs.readFileSync(empty.job.outputPath, 'utf8'), '[]\n');
    assert.deepEqual(JSON.parse('[]\n'), []);
  });

  it('exports an empty listing as an empty JSON Lines file and a header-only CSV, with no checkpoint left', async function () {
    const jsonl = await startExport(env.session, job(objects('export-empty'), 'jsonl', 5), { store });
    assert.equal(jsonl.itemsWritten, 0);
    assert.equal(fs.readFileSync(jsonl.job.outputPath, 'utf8'), '');
    const csv = await startExport(env.session, job(objects('export-empty'), 'csv', 5), { store });
    assert.equal(fs.readFileSync(csv.job.outputPath, 'utf8'), `${resourceKind('s3.objects').columns.join(',')}\r\n`);
    assert.deepEqual(await store.list(), []);
  });

  it('exports a listing of exactly one page in one request and never leaves a checkpoint', async function () {
    const saves: number[] = [];
    const watched: CheckpointStore = { ...storeMethods(store), save: async (c) => { saves.push(c.pagesWritten); await store.save(c); } };
    const done = await startExport(env.session, job(objects('export-small'), 'jsonl', 23), { store: watched });
    assert.equal(done.pagesWritten, 1);
    assert.equal(done.itemsWritten, 23);
    assert.equal(env.proxy.log.filter((r) => r.action === 'ListObjectsV2').length, 1);
    assert.deepEqual(saves, []);
  });

  it('exports SNS topics (3 pages of up to 100) and a topic\'s subscriptions', async function () {
    const done = await startExport(env.session, job(topics, 'jsonl', 100), { store });
    assert.equal(done.pagesWritten, 3);
    const arns = fs.readFileSync(done.job.outputPath, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { TopicArn: string }).TopicArn);
    assert.deepEqual([...arns].sort(), [...topicArns].sort());
    const subs = await startExport(env.session, job({ kind: 'sns.subscriptions', params: { topicArn: topicArns[0] } }, 'csv', 100), { store });
    assert.equal(subs.itemsWritten, 120);
    assert.equal(parseCsv(fs.readFileSync(subs.job.outputPath, 'utf8'))[0].join(','), 'SubscriptionArn,Owner,Protocol,Endpoint,TopicArn');
  });

  it('exports all keys recursively through the kind\'s flatten, or the folder view as it is', async function () {
    const folderView = objects('export-folders', '', '/');
    const recursive = await startExport(env.session, job({ ...folderView, params: resourceKind('s3.objects').flatten!(folderView.params) }, 'jsonl', 100, 'r.jsonl'), { store });
    const keysOf = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n')
      .map((l) => (JSON.parse(l) as { Key?: string; Prefix?: string; itemType: string })).map((r) => `${r.itemType}:${r.Key ?? r.Prefix}`);
    assert.deepEqual(keysOf(recursive.job.outputPath), ['object:a/1.txt', 'object:a/2.txt', 'object:b/c/3.txt', 'object:root.txt']);
    const folders = await startExport(env.session, job(folderView, 'jsonl', 100, 'f.jsonl'), { store });
    assert.deepEqual(keysOf(folders.job.outputPath), ['folder:a/', 'folder:b/', 'object:root.txt']);
  });

  for (const format of exportFormats) {
    it(`${format}: aborted at every page boundary, then resumed, gives the uninterrupted file byte for byte`, async function () {
      const list = objects('export-small');
      const expected = await reference(list, format, 5);
      for (let boundary = 1; boundary <= 4; boundary++) {
        const j = job(list, format, 5, `boundary-${boundary}.${format}`);
        const checkpoint = await exportAbortedAfter(j, boundary);
        assert.equal(checkpoint.pagesWritten, boundary);
        assert.equal(checkpoint.itemsWritten, boundary * 5);
        assert.deepEqual(fs.readFileSync(j.outputPath).subarray(0, checkpoint.byteLength), expected.subarray(0, checkpoint.byteLength));
        const requestsBefore = env.proxy.log.length;
        const done = await resumeExport(env.session, checkpoint, { store });
        assert.equal(done.itemsWritten, 23);
        assert.equal(env.proxy.log[requestsBefore].token, checkpoint.nextToken, 'the resume starts from the saved token');
        assert.ok(env.proxy.log.slice(requestsBefore).every((r) => r.pageSize === 5), 'with the same page size');
        assert.ok(fs.readFileSync(j.outputPath).equals(expected), `boundary ${boundary}`);
        assert.equal(await store.load(checkpoint.id), undefined);
      }
    });

    it(`${format}: a half-written page after the last checkpoint is cut off on resume`, async function () {
      const list = objects('export-small');
      const expected = await reference(list, format, 5);
      const j = job(list, format, 5);
      const checkpoint = await exportAbortedAfter(j, 2);
      // What a crash in the middle of writing page 3 leaves: part of its bytes.
      const partial = expected.subarray(checkpoint.byteLength, checkpoint.byteLength + 37);
      fs.appendFileSync(j.outputPath, partial);
      await resumeExport(env.session, checkpoint, { store });
      assert.ok(fs.readFileSync(j.outputPath).equals(expected));
    });
  }

  it('a crash after a page was written but before its checkpoint was saved writes that page once, not twice', async function () {
    const list = objects('export-small');
    const expected = await reference(list, 'json', 5);
    const j = job(list, 'json', 5);
    const failing: CheckpointStore = {
      ...storeMethods(store),
      save: async (c) => {
        if (c.pagesWritten === 3) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        await store.save(c);
      },
    };
    await assert.rejects(startExport(env.session, j, { store: failing }), /ENOSPC/);
    const checkpoint = (await store.load(checkpointId(j)))!;
    assert.equal(checkpoint.pagesWritten, 2);
    assert.ok(fs.statSync(j.outputPath).size > checkpoint.byteLength, 'page 3 is in the file but not in the checkpoint');
    await resumeExport(env.session, checkpoint, { store });
    assert.ok(fs.readFileSync(j.outputPath).equals(expected));
  });

  it('asks for page N+1 without waiting for page N to be written and checkpointed, one request in flight at most', async function () {
    const listRequests = () => env.proxy.log.filter((r) => r.action === 'ListObjectsV2').length;
    const requestsAtSave: number[] = [];
    const watched: CheckpointStore = {
      ...storeMethods(store),
      save: async (c) => {
        // Holds the save until the next request reaches the proxy: an exporter that waited for the save would hang here.
        await until(() => listRequests() > c.pagesWritten);
        requestsAtSave.push(listRequests());
        await store.save(c);
      },
    };
    await startExport(env.session, job(objects('export-small'), 'jsonl', 5), { store: watched });
    // When checkpoint N is saved, page N+1 is requested, and page N+2 may be: N+1 arrived and waits for the save.
    assert.equal(requestsAtSave.length, 4);
    requestsAtSave.forEach((requests, i) => assert.ok(requests > i + 1 && requests <= i + 3, `checkpoint ${i + 1} at request ${requests}`));
  });

  it('a cancel while the next page is in flight keeps the checkpoint of the pages saved before it; resume completes the file', async function () {
    const list = objects('export-small');
    const expected = await reference(list, 'csv', 5);
    const j = job(list, 'csv', 5);
    const controller = new AbortController();
    let seen = 0;
    env.proxy.setRule((request) => {
      if (request.action !== 'ListObjectsV2') {
        return undefined;
      }
      if (++seen === 3) {
        setImmediate(() => controller.abort());
        return { kind: 'latency', ms: 5000 };
      }
      return undefined;
    });
    await assert.rejects(startExport(env.session, j, { store, signal: controller.signal }), { name: 'AbortError' });
    env.proxy.setRule(undefined);
    const checkpoint = (await store.load(checkpointId(j)))!;
    // Request 3 goes out as page 2 arrives; page 2 is written unless the cancel came first (then the resume fetches it).
    assert.ok([1, 2].includes(checkpoint.pagesWritten), `checkpoint after page ${checkpoint.pagesWritten}`);
    const saved = checkpoint.pagesWritten * 5;
    assert.match(describeExportProblem(Object.assign(new Error('x'), { name: 'AbortError' }), { checkpoint }).message, new RegExp(`cancelled; ${saved} items are saved and it can be resumed`));
    await resumeExport(env.session, checkpoint, { store });
    assert.ok(fs.readFileSync(j.outputPath).equals(expected));
  });

  it('refuses to resume into a deleted, shortened or modified file, and keeps the checkpoint', async function () {
    const list = objects('export-small');
    const j = job(list, 'jsonl', 5);
    const checkpoint = await exportAbortedAfter(j, 2);
    const original = fs.readFileSync(j.outputPath);

    const modified = Buffer.from(original);
    modified[10] = modified[10] === 0x61 ? 0x62 : 0x61;
    fs.writeFileSync(j.outputPath, modified);
    await assert.rejects(resumeExport(env.session, checkpoint, { store }), (e: unknown) => e instanceof OutputChangedError && e.reason === 'modified');
    assert.ok(fs.readFileSync(j.outputPath).equals(modified), 'the changed file is left as it is');

    fs.writeFileSync(j.outputPath, original.subarray(0, checkpoint.byteLength - 1));
    await assert.rejects(resumeExport(env.session, checkpoint, { store }), (e: unknown) => e instanceof OutputChangedError && e.reason === 'truncated');

    fs.rmSync(j.outputPath);
    const requests = env.proxy.log.length;
    await assert.rejects(resumeExport(env.session, checkpoint, { store }), (e: unknown) => {
      const problem = describeExportProblem(e, { checkpoint });
      return e instanceof OutputChangedError && e.reason === 'deleted' && problem.startOver && /deleted/.test(problem.message);
    });
    assert.equal(env.proxy.log.length, requests, 'nothing is requested for a file that cannot be resumed');
    assert.deepEqual(await store.load(checkpoint.id), checkpoint, 'the checkpoint is kept until the user decides');

    const fresh = await startExport(env.session, j, { store });
    assert.equal(fresh.itemsWritten, 23);
    assert.equal(await store.load(checkpoint.id), undefined);
  });

  it('does not apply a checkpoint of another listing: another id, and an overwritten file is detected', async function () {
    const a = job(objects('export-small'), 'jsonl', 5, 'shared.jsonl');
    const b = job(objects('export-big'), 'jsonl', 5, 'shared.jsonl');
    assert.notEqual(checkpointId(a), checkpointId(b));
    const checkpointA = await exportAbortedAfter(a, 2);
    // A checkpoint file copied under the other listing's id is not taken for it.
    fs.copyFileSync(path.join(store.directory, `${checkpointA.id}.json`), path.join(store.directory, `${checkpointId(b)}.json`));
    assert.equal(await store.load(checkpointId(b)), undefined);
    assert.equal((await store.list()).length, 1);
    // Exporting list B into the same file replaces it; list A's checkpoint then no longer matches the file.
    const controller = new AbortController();
    await assert.rejects(startExport(env.session, b, { store, signal: controller.signal, onProgress: (p) => p.pagesWritten === 3 && controller.abort() }), { name: 'AbortError' });
    await assert.rejects(resumeExport(env.session, checkpointA, { store }), (e: unknown) => e instanceof OutputChangedError && e.reason === 'modified');
  });

  it('SNS topics (an opaque token, no position): a refused token on resume says to start over, how many items that writes again, keeps the checkpoint and the pages written', async function () {
    const j = job(topics, 'csv', 100);
    const checkpoint = await exportAbortedAfter(j, 1);
    env.proxy.setRule((request) => (request.token ? { kind: 'refuseToken' } : undefined));
    let problem;
    await assert.rejects(resumeExport(env.session, checkpoint, { store }), (e: unknown) => {
      problem = describeExportProblem(e, { checkpoint });
      return true;
    });
    assert.equal(problem!.kind, 'refusedToken');
    assert.ok(problem!.startOver);
    assert.match(problem!.message, /refused the page token.*Start over from the first page\. That writes the 100 topics already exported again; the checkpoint is kept until then\./);
    assert.deepEqual(await store.load(checkpoint.id), checkpoint);
    assert.equal(fs.statSync(j.outputPath).size, checkpoint.byteLength);
    env.proxy.setRule(undefined);
    const expected = await reference(topics, 'csv', 100);
    await startExport(env.session, j, { store });
    assert.ok(fs.readFileSync(j.outputPath).equals(expected));
  });

  it('S3 objects (key order, StartAfter): a refused token on resume goes on after the last key written, and the file equals the uninterrupted export', async function () {
    const list = objects('export-small');
    const j = job(list, 'csv', 5);
    const checkpoint = await exportAbortedAfter(j, 2);
    assert.equal(checkpoint.after, smallKeys[checkpoint.itemsWritten - 1], "the checkpoint holds the last key written");
    const from = env.proxy.log.length;
    env.proxy.setRule((request) => (request.token === checkpoint.nextToken ? { kind: 'refuseToken' } : undefined));
    const resumedAt: string[] = [];
    const result = await resumeExport(env.session, checkpoint, { store, onResumedAt: (after) => resumedAt.push(after) });
    env.proxy.setRule(undefined);
    assert.deepEqual(resumedAt, [checkpoint.after]);
    const requests = env.proxy.log.slice(from).filter((r) => r.action === 'ListObjectsV2');
    assert.equal(requests[0].token, checkpoint.nextToken, 'the saved token was tried first');
    assert.equal(requests[1].token, undefined);
    assert.equal(new URL(requests[1].url, 'http://x').searchParams.get('start-after'), checkpoint.after, 'then the listing went on after the last key written');
    assert.equal(result.itemsWritten, smallKeys.length);
    assert.ok(fs.readFileSync(j.outputPath).equals(await reference(list, 'csv', 5)), 'byte for byte the uninterrupted export');
    assert.equal(await store.load(checkpoint.id), undefined);
  });

  it('when the SDK\'s retries run out the checkpoint is kept, the message says it can be resumed, and resume completes', async function () {
    const list = objects('export-small');
    const expected = await reference(list, 'jsonl', 5);
    const j = job(list, 'jsonl', 5);
    const firstRequest = env.proxy.log.length;
    // Page 3 (the second token handed out) fails with 503 on every attempt.
    const tokens: string[] = [];
    env.proxy.setRule((request) => {
      if (request.action !== 'ListObjectsV2' || !request.token) {
        return undefined;
      }
      if (!tokens.includes(request.token)) {
        tokens.push(request.token);
      }
      return tokens.indexOf(request.token) === 1 ? { kind: 'serverError', status: 503 } : undefined;
    });
    let problem;
    await assert.rejects(startExport(env.session, j, { store }), (e: unknown) => {
      problem = describeExportProblem(e, { checkpoint: readCheckpoint(store, j) });
      return true;
    });
    assert.equal(env.proxy.log.slice(firstRequest).filter((r) => r.token === tokens[1]).length, env.session.connection.maxAttempts, 'the SDK retried the failing page');
    assert.equal(problem!.kind, 'serviceError');
    assert.ok(problem!.resumable);
    assert.match(problem!.message, /The export can be resumed: 10 items are saved\./);
    env.proxy.setRule(undefined);
    await resumeExport(env.session, readCheckpoint(store, j)!, { store });
    assert.ok(fs.readFileSync(j.outputPath).equals(expected));
  });

  it('a checkpoint written by 0.1.0 (other field names) is refused with Start Over, never resumed into a file of two shapes', async function () {
    const j = job(objects('export-small'), 'jsonl', 5);
    const checkpoint = await exportAbortedAfter(j, 2);
    const file = path.join(store.directory, `${checkpoint.id}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...checkpoint, version: 1 }));
    const old = await store.load(checkpoint.id);
    assert.equal(old?.version, 1, 'read back, so that it can be offered and started over');
    const before = fs.readFileSync(j.outputPath);
    const requests = env.proxy.log.length;
    const error = await resumeExport(env.session, old!, { store }).then(() => undefined, (e: unknown) => e);
    const problem = describeExportProblem(error, { checkpoint: old });
    assert.equal(problem.kind, 'outdatedCheckpoint');
    assert.equal(problem.startOver, true);
    assert.match(problem.message, /started by an earlier version, which named the fields differently.*Start over/);
    assert.ok(fs.readFileSync(j.outputPath).equals(before), 'the file is left as it was');
    assert.equal(env.proxy.log.length, requests, 'no request for the refused resume');
  });

  it('a checkpoint names the listing, file, token, counts, length and hash, and no credentials', async function () {
    const j = job(objects('export-small'), 'csv', 5);
    const checkpoint = await exportAbortedAfter(j, 3);
    const text = fs.readFileSync(path.join(store.directory, `${checkpoint.id}.json`), 'utf8');
    assert.ok(!text.includes(testCredentials.AWS_SECRET_ACCESS_KEY));
    assert.ok(!text.includes(testCredentials.AWS_ACCESS_KEY_ID));
    const { asOf, ...saved } = checkpoint.job;
    assert.deepEqual(saved, j);
    assert.ok(Date.parse(asOf!) <= Date.parse(checkpoint.startedAt) + 1000, 'the instant relative parameters are measured from');
    assert.equal(checkpoint.byteLength, fs.statSync(j.outputPath).size);
    assert.equal(checkpoint.pagesWritten, 3);
    assert.ok(Date.parse(checkpoint.startedAt) <= Date.parse(checkpoint.updatedAt));
    assert.match(checkpoint.sha256, /^[0-9a-f]{64}$/);
    assert.equal((fs.statSync(path.join(store.directory, `${checkpoint.id}.json`)).mode & 0o077), 0, 'readable by the user only');
    assert.deepEqual(fs.readdirSync(store.directory), [`${checkpoint.id}.json`], 'no temporary files left behind');
  });

  for (const pageSize of [1000, 7]) {
    it(`2,600 objects, page size ${pageSize}: aborted mid-way and resumed gives the same JSON Lines file`, async function () {
      const list = objects('export-big');
      const expected = await reference(list, 'jsonl', pageSize);
      const j = job(list, 'jsonl', pageSize);
      const pages = Math.ceil(2600 / pageSize);
      const checkpoint = await exportAbortedAfter(j, Math.floor(pages / 2));
      fs.appendFileSync(j.outputPath, '{"key":"half a li');
      await resumeExport(env.session, checkpoint, { store });
      assert.ok(fs.readFileSync(j.outputPath).equals(expected));
    });
  }
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; !condition(); i++) {
    assert.ok(i < 500, 'the condition never came true');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function storeMethods(store: CheckpointStore): CheckpointStore {
  return { load: (id) => store.load(id), save: (c) => store.save(c), delete: (id) => store.delete(id), list: () => store.list() };
}

function readCheckpoint(store: FileCheckpointStore, job: ExportJob): Checkpoint | undefined {
  const file = path.join(store.directory, `${checkpointId(job)}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Checkpoint : undefined;
}

/** A strict RFC 4180 reader, to check that the CSV reads back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        assert.ok(quote >= 0, 'unterminated quoted field');
        field += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else {
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/,|\r\n/);
      const stop = end < 0 ? text.length : i + end;
      field = text.slice(i, stop);
      assert.ok(!/["\n\r]/.test(field), `unquoted field with a quote or line break: ${JSON.stringify(field)}`);
      i = stop;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
    } else {
      assert.equal(text.slice(i, i + 2), '\r\n', 'rows end with CRLF');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}
