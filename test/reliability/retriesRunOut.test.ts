// When the SDK's retries run out: every list kind's first page failing leaves nothing behind (no file, no checkpoint)
// and says so retryably; a later page failing keeps what was loaded or saved, and Retry or a rerun completes it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { describeExportProblem } from '../../src/core/export/errors';
import { type ListRef } from '../../src/core/lists';
import { failureLabel, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { testSession } from '../support/emulator';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/faultProxy';
import { exportThrough } from './support/exports';
import { BIG_BUCKET, BIG_KEYS, builtCli, cliEnv, compareKeys, exportedKeys, hasStackTrace, nodeBinary, runProcess, tempDir } from './support/fixture';
import { isListOf, kindIt, listOf, registryKinds, rowOf, seededWorld } from './support/kinds';
import { record } from './support/results';

const FIRST_PAGE_ATTEMPTS = 2;

describe('retries that run out: on the first page, on a later page, in the tree and the CLI', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    proxy = await startFaultProxy((await seededWorld()).emulator.endpoint);
    dir = tempDir('retries');
  });

  after(async function () {
    await proxy?.stop();
  });

  for (const kind of registryKinds) {
    kindIt(kind, 'firstPage', `503 on every attempt of the first page (maxAttempts ${FIRST_PAGE_ATTEMPTS}): a retryable message, no checkpoint, no file`, async (row) => {
      const isList = isListOf(row);
      const name = `${kind}-first-page.jsonl`;
      const run = await exportThrough(proxy, dir, name, listOf(row), row.pageSize, isList, {
        maxAttempts: FIRST_PAGE_ATTEMPTS, rule: (request) => (isList(request) ? { kind: 'serverError', status: 503 } : undefined),
      });
      if (row.noRequests) {
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(run.requests.length, 0);
        return { cell: 'n/a: no request', tried: 'every request 503', times: 0, crashes: 0, outcome: `complete without a request: ${row.noRequests}` };
      }
      assert.ok(run.error, 'the export failed');
      const problem = describeExportProblem(run.error, { checkpoint: run.kept });
      assert.ok(problem.retryable, `retryable: ${problem.kind} ${problem.message}`);
      assert.ok(['serviceError', 'throttled'].includes(problem.kind), util.inspect(run.error));
      assert.ok(!hasStackTrace(problem.message), problem.message);
      assert.equal(run.requests.length, FIRST_PAGE_ATTEMPTS, 'every attempt was made, on the first page');
      assert.equal(run.kept, undefined, 'no checkpoint');
      assert.deepEqual(fs.existsSync(run.store.directory) ? fs.readdirSync(run.store.directory) : [], [], 'nothing in the checkpoint folder');
      const left = fs.readdirSync(dir).filter((file) => file.includes(name));
      assert.deepEqual(left, [], `no output file, nor its lock or keys beside it; left: ${left.join(', ')}`);
      return {
        cell: `${problem.kind}, retryable; no file, no checkpoint`,
        tried: `503 ServiceUnavailable on all ${FIRST_PAGE_ATTEMPTS} attempts of the first page`, times: FIRST_PAGE_ATTEMPTS, crashes: 0,
        outcome: `"${problem.message}" (${problem.kind}, retryable); the output file was not created, no checkpoint`,
      };
    });
  }

  const bigObjects: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } };
  const exhausted: Array<{ list: () => ListRef; fault: Fault; kind: string; label: string; pageSize: number; total: () => number }> = [
    { list: () => bigObjects, fault: { kind: 'throttle' }, kind: 'throttled', label: 'S3 SlowDown (503) on every attempt of page 3', pageSize: 1000, total: () => BIG_KEYS.length },
    { list: () => bigObjects, fault: { kind: 'serverError', status: 500 }, kind: 'serviceError', label: 'S3 InternalError (500) on every attempt of page 3', pageSize: 1000, total: () => BIG_KEYS.length },
    { list: () => listOf(rowOf('sns.topics')), fault: { kind: 'resetBeforeResponse' }, kind: 'unreachable', label: 'SNS connection reset on every attempt of page 3', pageSize: 100, total: () => 1000 },
    { list: () => listOf(rowOf('sns.topics')), fault: { kind: 'throttle' }, kind: 'throttled', label: 'SNS Throttling (429) on every attempt of page 3', pageSize: 100, total: () => 1000 },
  ];
  for (const { list: listFor, fault, kind, label, pageSize, total } of exhausted) {
    it(`when retries run out (${label}), the tree shows a retryable failure after the items loaded, and Retry completes the list`, async function () {
      const list = listFor();
      const session = testSession(proxy.endpoint, { maxAttempts: 3 });
      const model = new TreeModel({ clients: async () => session, pageSize: () => pageSize });
      const isList = (action: string) => action === 'ListObjectsV2' || action === 'ListTopics';
      const from = proxy.log.length;
      // Every attempt with the second token handed out (the third page) fails.
      const tokens: string[] = [];
      proxy.setRule((request) => {
        if (!isList(request.action) || !request.token) {
          return undefined;
        }
        if (!tokens.includes(request.token)) {
          tokens.push(request.token);
        }
        return tokens.indexOf(request.token) === 1 ? fault : undefined;
      });
      try {
        assert.equal((await model.loadAll(list)).outcome, 'failed');
        const snapshot = model.snapshot(list);
        assert.equal(snapshot.loading, false, 'not stuck in "loading"');
        assert.equal(snapshot.items.length, 2 * pageSize, 'the two pages loaded are kept');
        assert.equal(snapshot.failure?.problem.kind, kind, util.inspect(snapshot.failure?.error));
        assert.equal(snapshot.failure?.problem.retryable, true);
        assert.equal(snapshot.failure?.token, tokens[1], 'Retry will send the same token');
        const last = rowsOf(snapshot).at(-1)!;
        assert.equal(last.type, 'failure');
        assert.equal(last.type === 'failure' && last.startOver, false, 'offers Retry, not Start over');
        const shown = failureLabel(snapshot.failure!.problem);
        assert.equal(proxy.log.slice(from).filter((r) => r.token === tokens[1]).length, 3, 'the SDK made all 3 attempts');

        proxy.setRule(undefined);
        await model.retry(list);
        assert.equal((await model.loadAll(list)).outcome, 'complete');
        const final = model.snapshot(list);
        assert.equal(final.items.length, total());
        assert.equal(compareKeys(final.items.map((item) => item.id), [...new Set(final.items.map((item) => item.id))]).duplicated, 0);
        record({
          area: 'Faults', tried: `Tree: retries run out (maxAttempts 3): ${label}`, times: 3, lost: 0, duplicated: 0, crashes: 0,
          outcome: `retryable failure row "${shown}" after ${2 * pageSize} items, not loading; Retry then Load all completed (${total().toLocaleString('en-US')} items)`,
        });
      } finally {
        proxy.setRule(undefined);
        session.dispose();
      }
    });
  }

  it('when retries run out during an export (CLI, 503 on every attempt), it exits 1, keeps the checkpoint, says it can be resumed, and the rerun completes it', async function () {
    const cli = await builtCli();
    const work = tempDir('retries-cli');
    const env = cliEnv(proxy, { AWS_MAX_ATTEMPTS: '3' });
    const args = (out: string) => [cli, `s3://${BIG_BUCKET}/`, '--out', out, '--page-size', '1000', '--state-dir', 'state'];
    const reference = await runProcess(nodeBinary, args('reference.json'), { env, cwd: work });
    assert.equal(reference.code, 0, reference.stderr);
    let listed = 0;
    proxy.setRule((request) => (request.action === 'ListObjectsV2' && ++listed >= 5 ? { kind: 'serverError', status: 503 } : undefined));
    const failed = await runProcess(nodeBinary, args('out.json'), { env, cwd: work });
    proxy.setRule(undefined);
    assert.equal(failed.code, 1, failed.stderr);
    assert.ok(!hasStackTrace(failed.stderr), failed.stderr);
    assert.match(failed.stderr, /The service failed \(ServiceUnavailable, HTTP 503\).*The export can be resumed: [\d,]+ items are saved\. Run the same command again to resume\./s);
    assert.equal(fs.readdirSync(path.join(work, 'state', 'exports')).length, 1, 'the checkpoint is kept');
    const resumed = await runProcess(nodeBinary, args('out.json'), { env, cwd: work });
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
});
