import * as assert from 'node:assert/strict';
import * as util from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsSession } from '../../src/core/aws/session';
import { type Connection } from '../../src/core/aws/connection';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { failureLabel, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createTopics, numberedNames, testConnection, testSession } from '../support/emulator';
import { rateRule, startFaultProxy, type Fault, type FaultProxy, type ProxyRequest } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, builtCli, capturingLog, cliEnv, compareKeys, emulatorWithBigBucket, exportedKeys, hasStackTrace, nodeBinary, runProcess, tempDir } from './support/fixture';
import { note, record } from './support/results';
import { type ListRef } from '../../src/core/lists';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
/** Throttled or failed: what a flaky network or a busy service does to one request. */
const FAILURES: readonly Fault[] = [
  { kind: 'throttle' },
  { kind: 'serverError', status: 500 },
  { kind: 'serverError', status: 503 },
  { kind: 'resetBeforeResponse' },
  { kind: 'resetMidResponse' },
];
/** Enough that a request failing 20% of the time practically never runs out (0.2^8), yet bounded. */
const MAX_ATTEMPTS = 8;
const bigObjects: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } };
const topics: ListRef = { kind: 'sns.topics', params: {} };
const isList = (r: ProxyRequest) => r.action === 'ListObjectsV2' || r.action === 'ListTopics';

describe('faults: 20% of requests throttled or failed, and retries that run out', function () {
  let proxy: FaultProxy;
  let dir: string;
  let topicArns: string[];

  before(async function () {
    const emulator = await emulatorWithBigBucket();
    proxy = await startFaultProxy(emulator.endpoint);
    const seed = testSession(emulator.endpoint);
    topicArns = await createTopics(seed, numberedNames('reliability-topic', 1000));
    seed.dispose();
    dir = tempDir('faults');
  });

  after(async function () {
    await proxy?.stop();
  });

  beforeEach(function () {
    proxy.setRule(undefined);
  });

  function session(overrides: Partial<Connection> = {}) {
    const log = capturingLog();
    return { log, session: new AwsSession(testConnection(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS, ...overrides }), log) };
  }

  /** What the proxy did since `from`, and what the attempt log shows of it. */
  function faultSummary(from: number, logLines: readonly string[]) {
    const requests = proxy.log.slice(from).filter(isList);
    const faulted = requests.filter((r) => r.faults.length > 0);
    const byKind = new Map<string, number>();
    for (const r of faulted) {
      byKind.set(r.faults.join('+'), (byKind.get(r.faults.join('+')) ?? 0) + 1);
    }
    const retries = logLines.filter((line) => /\(attempt \d+ of \d+, after \d+ ms backoff\)/.test(line));
    const backoffMs = retries.reduce((sum, line) => sum + Number(/after (\d+) ms backoff/.exec(line)![1]), 0);
    const kinds = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
    return { requests: requests.length, faulted: faulted.length, retries: retries.length, backoffMs, kinds };
  }

  const exportRuns: Array<{ pageSize: number; format: ExportFormat; mode: Connection['retryMode'] }> = [
    { pageSize: 1000, format: 'jsonl', mode: 'standard' },
    { pageSize: 100, format: 'csv', mode: 'adaptive' },
  ];
  for (const { pageSize, format, mode } of exportRuns) {
    it(`exports 10,000 objects (page size ${pageSize}, ${format}, ${mode} retries) through 20% faults: the file equals the ground truth, every retry logged with its backoff`, async function () {
      const { log, session: faulty } = session({ retryMode: mode });
      const store = new FileCheckpointStore(path.join(dir, `state-${pageSize}`));
      const job: ExportJob = { target: listingTarget(faulty.connection), list: bigObjects, pageSize, outputPath: path.join(dir, `faulty-${pageSize}.${format}`), format };
      const from = proxy.log.length;
      proxy.setRule(rateRule(SEED + pageSize, 0.2, FAILURES, isList));
      try {
        const result = await startExport(faulty, job, { store });
        assert.equal(result.itemsWritten, BIG_KEYS.length);
      } finally {
        proxy.setRule(undefined);
        faulty.dispose();
      }
      const summary = faultSummary(from, log.lines);
      const comparison = compareKeys(exportedKeys(job.outputPath, format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });

      // The same export without faults, byte for byte.
      const clean = testSession(proxy.endpoint);
      const reference = { ...job, outputPath: path.join(dir, `clean-${pageSize}.${format}`) };
      await startExport(clean, reference, { store });
      clean.dispose();
      assert.ok(fs.readFileSync(job.outputPath).equals(fs.readFileSync(reference.outputPath)), 'byte for byte the export without faults');
      assert.ok(summary.faulted > 0, 'faults were injected');
      assert.equal(summary.retries, summary.faulted, 'every faulted request was retried, and each retry is in the log with its backoff');
      assert.equal(await store.load(checkpointId(job)), undefined, 'no checkpoint left after success');

      record({
        area: 'Faults', tried: `Export 10,000 S3 objects, page size ${pageSize}, ${format}, retryMode ${mode}, maxAttempts ${MAX_ATTEMPTS}; 20% of ${summary.requests} list requests faulted (seed ${SEED + pageSize})`,
        times: summary.faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete; file equals ground truth and the fault-free export byte for byte; ${summary.retries} retries logged, ${(summary.backoffMs / 1000).toFixed(1)} s backoff in total (${summary.kinds})`,
      });
    });
  }

  const treeRuns: Array<{ list: ListRef; expected: () => string[]; idOf: 'Key' | 'TopicArn'; pageSize: number; mode: Connection['retryMode']; label: string }> = [
    { list: bigObjects, expected: () => BIG_KEYS, idOf: 'Key', pageSize: 1000, mode: 'standard', label: '10,000 S3 objects, page size 1000' },
    { list: topics, expected: () => topicArns, idOf: 'TopicArn', pageSize: 100, mode: 'adaptive', label: '1,000 SNS topics (pages of 100)' },
  ];
  for (const { list, expected, idOf, pageSize, mode, label } of treeRuns) {
    it(`tree "Load all" of ${label} through 20% faults (${mode} retries) completes with every item once`, async function () {
      const { log, session: faulty } = session({ retryMode: mode });
      const model = new TreeModel({ clients: async () => faulty, pageSize: () => pageSize });
      const from = proxy.log.length;
      const seed = SEED + 7 + pageSize;
      proxy.setRule(rateRule(seed, 0.2, FAILURES, isList));
      let result;
      try {
        result = await model.loadAll(list);
      } finally {
        proxy.setRule(undefined);
        faulty.dispose();
      }
      const snapshot = model.snapshot(list);
      const summary = faultSummary(from, log.lines);
      const ids = snapshot.items.map((item) => String(item.record[idOf]));
      const comparison = compareKeys(ids, expected());
      assert.equal(result.outcome, 'complete');
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(snapshot.complete && !snapshot.loading && snapshot.failure === undefined);
      assert.ok(summary.faulted > 0);
      assert.equal(summary.retries, summary.faulted, 'every faulted request retried and logged with its backoff');
      record({
        area: 'Faults', tried: `Tree "Load all" of ${label}, retryMode ${mode}, maxAttempts ${MAX_ATTEMPTS}; 20% of ${summary.requests} list requests faulted (seed ${seed})`,
        times: summary.faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete, ${ids.length.toLocaleString('en-US')} items, none loading; ${summary.retries} retries logged, ${(summary.backoffMs / 1000).toFixed(1)} s backoff (${summary.kinds})`,
      });
    });
  }

  const exhausted: Array<{ list: ListRef; fault: Fault; kind: string; label: string; pageSize: number }> = [
    { list: bigObjects, fault: { kind: 'throttle' }, kind: 'throttled', label: 'S3 SlowDown (503) on every attempt of page 3', pageSize: 1000 },
    { list: bigObjects, fault: { kind: 'serverError', status: 500 }, kind: 'serviceError', label: 'S3 InternalError (500) on every attempt of page 3', pageSize: 1000 },
    { list: topics, fault: { kind: 'resetBeforeResponse' }, kind: 'unreachable', label: 'SNS connection reset on every attempt of page 3', pageSize: 100 },
    { list: topics, fault: { kind: 'throttle' }, kind: 'throttled', label: 'SNS Throttling (429) on every attempt of page 3', pageSize: 100 },
  ];
  for (const { list, fault, kind, label, pageSize } of exhausted) {
    it(`when retries run out (${label}), the tree shows a retryable failure after the items loaded, and Retry completes the list`, async function () {
      const { session: faulty } = session({ maxAttempts: 3 });
      const model = new TreeModel({ clients: async () => faulty, pageSize: () => pageSize });
      const from = proxy.log.length;
      // Every attempt with the second token handed out (the third page) fails.
      const tokens: string[] = [];
      proxy.setRule((request) => {
        if (!isList(request) || !request.token) {
          return undefined;
        }
        if (!tokens.includes(request.token)) {
          tokens.push(request.token);
        }
        return tokens.indexOf(request.token) === 1 ? fault : undefined;
      });
      try {
        const result = await model.loadAll(list);
        assert.equal(result.outcome, 'failed');
        const snapshot = model.snapshot(list);
        assert.equal(snapshot.loading, false, 'not stuck in "loading"');
        assert.equal(snapshot.items.length, 2 * pageSize, 'the two pages loaded are kept');
        assert.equal(snapshot.failure?.problem.kind, kind, util.inspect(snapshot.failure?.error));
        assert.equal(snapshot.failure?.problem.retryable, true);
        assert.equal(snapshot.failure?.token, tokens[1], 'Retry will send the same token');
        const rows = rowsOf(snapshot);
        const last = rows[rows.length - 1];
        assert.equal(last.type, 'failure');
        assert.equal(last.type === 'failure' && last.startOver, false, 'offers Retry, not Start over');
        const shown = failureLabel(snapshot.failure!.problem);
        assert.equal(proxy.log.slice(from).filter((r) => r.token === tokens[1]).length, 3, 'the SDK made all 3 attempts');

        proxy.setRule(undefined);
        await model.retry(list);
        const again = await model.loadAll(list);
        assert.equal(again.outcome, 'complete');
        const final = model.snapshot(list);
        const total = list === topics ? topicArns.length : BIG_KEYS.length;
        const comparison = compareKeys(final.items.map((item) => item.id), [...new Set(final.items.map((item) => item.id))]);
        assert.equal(final.items.length, total);
        assert.equal(comparison.duplicated, 0);
        record({
          area: 'Faults', tried: `Tree: retries run out (maxAttempts 3): ${label}`, times: 3, lost: 0, duplicated: 0, crashes: 0,
          outcome: `retryable failure row "${shown}" after ${2 * pageSize} items, not loading; Retry then Load all completed (${total.toLocaleString('en-US')} items)`,
        });
      } finally {
        proxy.setRule(undefined);
        faulty.dispose();
      }
    });
  }

  it('when retries run out during an export (CLI, 503 on every attempt), it exits 1, keeps the checkpoint, says it can be resumed, and the rerun completes it', async function () {
    const cli = await builtCli();
    const work = tempDir('faults-cli');
    const env = cliEnv(proxy, { AWS_MAX_ATTEMPTS: '3' });
    const args = [cli, `s3://${BIG_BUCKET}/`, '--out', 'out.json', '--page-size', '1000', '--state-dir', 'state'];
    const reference = await runProcess(nodeBinary, [cli, `s3://${BIG_BUCKET}/`, '--out', 'reference.json', '--page-size', '1000', '--state-dir', 'state'], { env, cwd: work });
    assert.equal(reference.code, 0, reference.stderr);
    let listed = 0;
    proxy.setRule((request) => (request.action === 'ListObjectsV2' && ++listed >= 5 ? { kind: 'serverError', status: 503 } : undefined));
    const failed = await runProcess(nodeBinary, args, { env, cwd: work });
    proxy.setRule(undefined);
    assert.equal(failed.code, 1, failed.stderr);
    assert.ok(!hasStackTrace(failed.stderr), failed.stderr);
    assert.match(failed.stderr, /The service failed \(ServiceUnavailable, HTTP 503\).*The export can be resumed: [\d,]+ items are saved\. Run the same command again to resume\./s);
    const kept = fs.readdirSync(path.join(work, 'state', 'exports'));
    assert.equal(kept.length, 1, 'the checkpoint is kept');
    const resumed = await runProcess(nodeBinary, args, { env, cwd: work });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /^Resuming: /);
    assert.ok(fs.readFileSync(path.join(work, 'out.json')).equals(fs.readFileSync(path.join(work, 'reference.json'))));
    const comparison = compareKeys(exportedKeys(path.join(work, 'out.json'), 'json'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    record({
      area: 'Faults', tried: 'Export (CLI): 503 on every attempt from the 5th list request on, AWS_MAX_ATTEMPTS=3', times: 3, ...comparison, crashes: 0,
      outcome: `exit 1: "${failed.stderr.trim().replace(/^paged-aws-export: /, '')}"; checkpoint kept; rerun resumed to the uninterrupted file`,
    });
  });

  it('empty pages that still carry a token, latency, and a repeated token during an export (refused tokens: refusedTokens.test.ts)', async function () {
    const clean = testSession(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS });
    const store = new FileCheckpointStore(path.join(dir, 'state-paging'));
    const job = (name: string): ExportJob => ({ target: listingTarget(clean.connection), list: bigObjects, pageSize: 500, outputPath: path.join(dir, name), format: 'jsonl' });
    try {
      // Every third request answers an empty page with a token; every request is 20 ms late.
      let n = 0;
      proxy.setRule((request) => (isList(request) ? [{ kind: 'latency', ms: 20 }, ...(++n % 3 === 0 ? [{ kind: 'emptyPage' } as const] : [])] : undefined));
      await startExport(clean, job('empty-pages.jsonl'), { store });
      const empties = compareKeys(exportedKeys(path.join(dir, 'empty-pages.jsonl'), 'jsonl'), BIG_KEYS);
      assert.deepEqual(empties, { lost: 0, duplicated: 0, unexpected: 0 });
      record({ area: 'Faults', tried: 'Export: every 3rd page empty but with a token, 20 ms latency on every request', times: Math.floor(n / 3), ...empties, crashes: 0, outcome: 'complete; empty pages followed, file equals ground truth' });

      // A service that hands back the token it was sent: stops instead of looping forever.
      let tokens = 0;
      proxy.setRule((request) => (request.action === 'ListObjectsV2' && request.token && ++tokens === 2 ? { kind: 'repeatToken' } : undefined));
      const repeatedJob = job('repeated.jsonl');
      const repeated = await startExport(clean, repeatedJob, { store }).then(() => undefined, (e: unknown) => e);
      const repeatedProblem = describeExportProblem(repeated, { checkpoint: await store.load(checkpointId(repeatedJob)) });
      assert.equal(repeatedProblem.kind, 'repeatedToken');
      proxy.setRule(undefined);
      record({ area: 'Faults', tried: 'Export: the service returns the token it was sent (a paging loop)', times: 1, crashes: 0, outcome: repeatedProblem.message });
      // The checkpoint before the loop is still good: resuming completes the file.
      const resumed = await resumeExport(clean, (await store.load(checkpointId(repeatedJob)))!, { store });
      assert.equal(resumed.itemsWritten, BIG_KEYS.length);
      assert.deepEqual(compareKeys(exportedKeys(repeatedJob.outputPath, 'jsonl'), BIG_KEYS), { lost: 0, duplicated: 0, unexpected: 0 });
    } finally {
      proxy.setRule(undefined);
      clean.dispose();
    }
    note('Faults', `Fault mix of the 20% runs: SNS 429 Throttling / S3 503 SlowDown, 500 InternalError, 503 ServiceUnavailable, connection reset before the response, connection reset halfway through the body; seeded with \`rateRule(seed, 0.2, …)\` (RELIABILITY_SEED=${SEED}).`);
  });
});
