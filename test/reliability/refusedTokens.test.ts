// A token the service refuses (expired, say): S3 listings go on from their position (key order, StartAfter) in
// sequential and parallel exports, in a resumed export and in the tree, and end byte for byte as an undisturbed run;
// lists without a position (SNS, SQS) and DynamoDB, whose key is the position, say why and how much starting over
// writes again.
import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, createQueues, createTable, createTopics, numberedNames, putItems, putObjects, startEmulator, testSession, type Emulator } from '../support/emulator';
import { rateRule, seededRandom, startFaultProxy, type FaultProxy, type FaultRule, type ProxyRequest } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, builtCli, cliEnv, compareKeys, emulatorWithBigBucket, exportedKeys, nodeBinary, runProcess, tempDir } from './support/fixture';
import { note, record } from './support/results';
import { type ListRef } from '../../src/core/lists';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
const RATE = 0.2;
const FOLDER_BUCKET = 'reliability-refused-folders';
/** 12 folders of 250 keys, one of them nested, and keys beside them: a parallel export lists each folder as a part. */
const FOLDER_KEYS = [
  ...numberedNames('a-root', 40),
  ...Array.from({ length: 12 }, (_, f) => numberedNames(`f-${String(f).padStart(2, '0')}/${f === 3 ? 'sub/' : ''}k`, 250)).flat(),
  ...numberedNames('z-root', 40),
];
const bigObjects: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } };
const folderObjects: ListRef = { kind: 's3.objects', params: { bucket: FOLDER_BUCKET, prefix: '', delimiter: '' } };
const withToken = (action: string) => (request: ProxyRequest) => request.action === action && request.token !== undefined;

/** Refuses `rate` of the requests that carry a token (seeded); a request without one (StartAfter) always passes. */
function refuseSome(seed: number, action: string, rate = RATE): FaultRule {
  return rateRule(seed, rate, [{ kind: 'refuseToken' }], withToken(action));
}

describe('refused tokens: resumed by position where the API has one, Start over (saying what it costs) where not', function () {
  let proxy: FaultProxy;
  let dir: string;
  // Topics, queues and tables of these tests are put in an emulator of their own: the other suites count the shared one's.
  let own: Emulator;
  let ownProxy: FaultProxy;

  before(async function () {
    const emulator = await emulatorWithBigBucket();
    proxy = await startFaultProxy(emulator.endpoint);
    own = await startEmulator();
    ownProxy = await startFaultProxy(own.endpoint);
    const seed = testSession(emulator.endpoint);
    await createBucket(seed, FOLDER_BUCKET);
    await putObjects(seed, FOLDER_BUCKET, FOLDER_KEYS, 64);
    seed.dispose();
    dir = tempDir('refused');
  });

  after(async function () {
    await proxy?.stop();
    await ownProxy?.stop();
    await own?.stop();
  });

  beforeEach(function () {
    proxy.setRule(undefined);
  });

  function refusals(from: number): number {
    return proxy.log.slice(from).filter((r) => r.faults.includes('refuseToken')).length;
  }

  async function exportBytes(list: ListRef, format: ExportFormat, pageSize: number, name: string, parallelism?: number, rule?: FaultRule) {
    const session = testSession(proxy.endpoint);
    const store = new FileCheckpointStore(path.join(dir, `state-${name}`));
    const job: ExportJob = { target: listingTarget(session.connection), list, pageSize, format, outputPath: path.join(dir, name) };
    const resumedAt: string[] = [];
    const from = proxy.log.length;
    proxy.setRule(rule);
    try {
      const result = await startExport(session, job, { store, parallelism, onResumedAt: (after) => resumedAt.push(after) });
      assert.equal(await store.load(checkpointId(job)), undefined, 'no checkpoint left');
      return { result, bytes: fs.readFileSync(job.outputPath), resumedAt, refused: refusals(from), job };
    } finally {
      proxy.setRule(undefined);
      session.dispose();
    }
  }

  const sequentialRuns: Array<{ format: ExportFormat; pageSize: number }> = [{ format: 'jsonl', pageSize: 250 }, { format: 'csv', pageSize: 100 }];
  sequentialRuns.forEach(({ format, pageSize }, i) => {
    it(`sequential export of 10,000 S3 objects (${format}, page size ${pageSize}), 20% of its tokens refused: each time it goes on after the last key written, byte for byte the undisturbed file`, async function () {
      const seed = SEED + 31 + i;
      const reference = await exportBytes(bigObjects, format, pageSize, `reference-${pageSize}.${format}`);
      const refused = await exportBytes(bigObjects, format, pageSize, `refused-${pageSize}.${format}`, undefined, refuseSome(seed, 'ListObjectsV2'));
      assert.ok(refused.refused > 0, 'tokens were refused');
      assert.equal(refused.resumedAt.length, refused.refused, 'every refusal went on from the position, and the user was told');
      const comparison = compareKeys(exportedKeys(refused.job.outputPath, format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(refused.bytes.equals(reference.bytes), 'byte for byte the undisturbed export');
      record({
        area: 'Refused tokens', tried: `Export 10,000 S3 objects, ${format}, page size ${pageSize}; 20% of the continuation tokens refused (400 InvalidArgument, seed ${seed})`,
        times: refused.refused, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete without Start over: each refusal went on with StartAfter = the last key written; file equals the undisturbed export byte for byte`,
      });
    });
  });

  it('parallel export (8 parts at once) of 3,080 S3 objects in 12 folders, 20% of the parts\' tokens refused: each part goes on after its last key, byte for byte the sequential file', async function () {
    const seed = SEED + 41;
    const reference = await exportBytes(folderObjects, 'jsonl', 50, 'folders-sequential.jsonl');
    const refused = await exportBytes(folderObjects, 'jsonl', 50, 'folders-parallel.jsonl', 8, refuseSome(seed, 'ListObjectsV2'));
    assert.ok(refused.refused > 0);
    assert.equal(refused.resumedAt.length, refused.refused);
    const parts = new Set(refused.resumedAt.map((after) => after.split('/')[0]));
    assert.ok(parts.size > 1, `refusals in several parts: ${[...parts].join(', ')}`);
    const comparison = compareKeys(exportedKeys(refused.job.outputPath, 'jsonl'), FOLDER_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(refused.bytes.equals(reference.bytes), 'byte for byte the sequential export');
    record({
      area: 'Refused tokens', tried: `Parallel export (--parallel 8) of ${FOLDER_KEYS.length.toLocaleString('en-US')} S3 objects in 12 folders, page size 50; 20% of the parts' tokens refused (seed ${seed})`,
      times: refused.refused, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: `complete: ${parts.size} parts went on after their last key written; file equals the sequential export byte for byte`,
    });
  });

  it('CLI export killed (SIGKILL) 10 times, every resume\'s saved token refused: each resume goes on after the last key of its checkpoint, byte for byte the uninterrupted file', async function () {
    const cli = await builtCli();
    const random = seededRandom(SEED + 51);
    const cwd = tempDir('refused-cli');
    let listRequests = 0;
    let onListRequest: ((index: number) => void) | undefined;
    let savedTokenRefused = false;
    proxy.setRule((request) => {
      if (request.action !== 'ListObjectsV2') {
        return undefined;
      }
      onListRequest?.(++listRequests);
      // The first token a resumed run sends is its checkpoint's: refused, as after a day's pause.
      if (savedTokenRefused && request.token !== undefined) {
        savedTokenRefused = false;
        return [{ kind: 'latency', ms: 10 }, { kind: 'refuseToken' }];
      }
      return { kind: 'latency', ms: 10 };
    });
    const args = (out: string) => [cli, `s3://${BIG_BUCKET}/`, '--out', out, '--page-size', '200', '--state-dir', 'state'];
    const exportRun = (out: string, killAt?: { request: number; delayMs: number }) => {
      listRequests = 0;
      return runProcess(nodeBinary, args(out), {
        env: cliEnv(proxy), cwd,
        onSpawn: (child: ChildProcess) => {
          onListRequest = killAt && ((index) => index === killAt.request && setTimeout(() => child.kill('SIGKILL'), killAt.delayMs));
        },
      }).finally(() => {
        onListRequest = undefined;
      });
    };
    try {
      const reference = await exportRun('reference.jsonl');
      assert.equal(reference.code, 0, reference.stderr);
      let killed = 0;
      let resumes = 0;
      let resumedByPosition = 0;
      for (let i = 0; i < 10; i++) {
        savedTokenRefused = fs.existsSync(path.join(cwd, 'state', 'exports')) && fs.readdirSync(path.join(cwd, 'state', 'exports')).length > 0;
        const run = await exportRun('killed.jsonl', { request: 2 + Math.floor(random() * 4), delayMs: Math.floor(random() * 30) });
        killed += run.signal === 'SIGKILL' ? 1 : 0;
        resumes += /^Resuming: /.test(run.stderr) ? 1 : 0;
        resumedByPosition += /the export went on with StartAfter after the last object written/.test(run.stderr) ? 1 : 0;
        assert.ok(run.signal === 'SIGKILL' || run.code === 0, run.stderr);
      }
      savedTokenRefused = true;
      const final = await exportRun('killed.jsonl');
      assert.equal(final.code, 0, final.stderr);
      resumedByPosition += /the export went on with StartAfter/.test(final.stderr) ? 1 : 0;
      assert.match(final.stderr, /^Resuming: /);
      resumes++;
      assert.ok(killed >= 8, `kills that landed before the export finished: ${killed}`);
      assert.equal(resumedByPosition, resumes, 'every resume went on from the position when its saved token was refused');
      const comparison = compareKeys(exportedKeys(path.join(cwd, 'killed.jsonl'), 'jsonl'), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(cwd, 'killed.jsonl')).equals(fs.readFileSync(path.join(cwd, 'reference.jsonl'))), 'byte for byte the uninterrupted export');
      record({
        area: 'Refused tokens', tried: `CLI export of 10,000 S3 objects, page size 200, SIGKILLed ${killed} times (seed ${SEED + 51}); on every rerun the checkpoint's token is refused`,
        times: resumedByPosition, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `${resumedByPosition} resumes went on after the checkpoint's last key ("…went on with StartAfter after the last object written…"); file equals the uninterrupted export byte for byte`,
      });
    } finally {
      proxy.setRule(undefined);
    }
  });

  it('tree: "Load all" of 10,000 S3 objects with 20% of its tokens refused loads every key once, in order', async function () {
    const seed = SEED + 61;
    const session = testSession(proxy.endpoint);
    const model = new TreeModel({ clients: async () => session, pageSize: () => 500 });
    const resumed: string[] = [];
    model.onDidResume((_list, after) => resumed.push(after));
    const from = proxy.log.length;
    proxy.setRule(refuseSome(seed, 'ListObjectsV2'));
    try {
      const result = await model.loadAll(bigObjects);
      assert.equal(result.outcome, 'complete');
    } finally {
      proxy.setRule(undefined);
      session.dispose();
    }
    const keys = model.snapshot(bigObjects).items.map((item) => String(item.record.Key));
    const comparison = compareKeys(keys, BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.deepEqual(keys, [...BIG_KEYS].sort());
    assert.ok(refusals(from) > 0);
    assert.equal(resumed.length, refusals(from));
    record({
      area: 'Refused tokens', tried: `Tree "Load all" of 10,000 S3 objects, page size 500; 20% of the tokens refused (seed ${seed})`,
      times: resumed.length, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: 'complete, in key order, no failure row: each refused Load more loaded the page after the last row (logged)',
    });
  });

  it('no position (SNS topics, SQS queues): the export stops with Start over, saying how many items that writes again; the checkpoint stays', async function () {
    const seed = testSession(own.endpoint);
    await createTopics(seed, numberedNames('refused-topic', 250));
    await createQueues(seed, numberedNames('refused-queue', 60));
    seed.dispose();
    const lists: Array<{ list: ListRef; pageSize: number; action: string; label: string }> = [
      { list: { kind: 'sns.topics', params: {} }, pageSize: 100, action: 'ListTopics', label: 'SNS topics (400 InvalidParameter)' },
      { list: { kind: 'sqs.queues', params: { prefix: 'refused-queue' } }, pageSize: 20, action: 'ListQueues', label: 'SQS queues (400 InvalidParameterValue)' },
    ];
    for (const { list, pageSize, action, label } of lists) {
      const session = testSession(ownProxy.endpoint);
      const store = new FileCheckpointStore(path.join(dir, `state-${action}`));
      const job: ExportJob = { target: listingTarget(session.connection), list, pageSize, format: 'jsonl', outputPath: path.join(dir, `${action}.jsonl`) };
      let tokens = 0;
      ownProxy.setRule((request) => (withToken(action)(request) && ++tokens === 2 ? { kind: 'refuseToken' } : undefined));
      try {
        const error = await startExport(session, job, { store }).then(() => undefined, (e: unknown) => e);
        const kept = await store.load(checkpointId(job));
        const problem = describeExportProblem(error, { checkpoint: kept });
        assert.equal(problem.kind, 'refusedToken');
        assert.ok(problem.startOver && !problem.resumable);
        assert.equal(kept?.itemsWritten, 2 * pageSize);
        assert.match(problem.message, new RegExp(`That writes the ${2 * pageSize} (topics|queues) already exported again; the checkpoint is kept until then\\.$`));
        record({ area: 'Refused tokens', tried: `Export of ${label}: the 2nd token refused`, times: 1, crashes: 0, outcome: `Start over offered: "${problem.message}"` });
      } finally {
        ownProxy.setRule(undefined);
        session.dispose();
      }
    }
  });

  it('DynamoDB (the key is the position, it does not expire): a refused key says what the table\'s key is now', async function () {
    const seed = testSession(own.endpoint);
    await createTable(seed, 'refused-keys', ['pk:S', 'sk:N']);
    await putItems(seed, 'refused-keys', numberedNames('p', 60, 3).map((pk, i) => ({ pk: { S: pk }, sk: { N: String(i) } })));
    seed.dispose();
    const session = testSession(ownProxy.endpoint);
    const store = new FileCheckpointStore(path.join(dir, 'state-dynamodb'));
    const job: ExportJob = { target: listingTarget(session.connection), list: { kind: 'dynamodb.items', params: { table: 'refused-keys' } }, pageSize: 25, format: 'jsonl', outputPath: path.join(dir, 'refused-keys.jsonl') };
    ownProxy.setRule((request) => (withToken('Scan')(request) ? { kind: 'refuseToken' } : undefined));
    try {
      const error = await startExport(session, job, { store }).then(() => undefined, (e: unknown) => e);
      const kept = await store.load(checkpointId(job));
      const problem = describeExportProblem(error, { checkpoint: kept });
      assert.equal(problem.kind, 'refusedToken');
      assert.match(problem.message, /^DynamoDB refused the saved position pk \(S\), sk \(N\), though it still fits the table's key \(pk \(S\), sk \(N\)\): the table was probably deleted and created again\. Start over from the first page\. That writes the 25 items already exported again/);
      ownProxy.setRule(undefined);
      // Resuming with the key accepted again completes the file.
      const resumed = await resumeExport(session, kept!, { store });
      assert.equal(resumed.itemsWritten, 60);
      record({ area: 'Refused tokens', tried: 'Export of a DynamoDB table: its LastEvaluatedKey refused (400 ValidationException)', times: 1, crashes: 0, outcome: `Start over offered, with DescribeTable's key: "${problem.message}"` });
    } finally {
      ownProxy.setRule(undefined);
      session.dispose();
    }
    note('Refused tokens', 'A table re-created with another key while its export was interrupted is tested against dynalite itself, which refuses the old key as DynamoDB does (test/unit/dynamodb.test.ts): "…The position names pk (S); rekeyed now has the key tenant (S), id (N)…".');
  });
});
