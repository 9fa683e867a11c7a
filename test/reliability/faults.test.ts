// 20% of the list requests throttled, failed (500, 503) or reset (before or halfway through the response): every
// list kind's export ends byte for byte as without them; the tree's Load all and a parallel Scan too.
import * as assert from 'node:assert/strict';
import { type Connection } from '../../src/core/aws/connection';
import { AwsSession } from '../../src/core/aws/session';
import { type ListRef, type ResourceItem } from '../../src/core/lists';
import { TreeModel } from '../../src/core/tree/treeModel';
import { testConnection } from '../support/emulator';
import { rateRule, startFaultProxy, type FaultProxy, type FaultRule, type ProxyRequest } from '../support/faultProxy';
import { bytesOf, exportThrough, faultMix, idsIn } from './support/exports';
import { BIG_BUCKET, BIG_KEYS, capturingLog, compareKeys, FAILURES, MAX_ATTEMPTS, SEED, tempDir } from './support/fixture';
import { isListOf, listOf, registryKinds, rowOf, seededWorld, kindIt } from './support/kinds';
import { ITEMS_TABLE, ITEM_KEYS } from './support/rows/dynamodb';
import { note, record } from './support/results';

/** 20% of the list requests faulted (seeded), and always the second, so that no short listing goes unfaulted. */
function someFaults(seed: number, isList: (request: ProxyRequest) => boolean): FaultRule {
  const rate = rateRule(seed, 0.2, FAILURES, isList);
  let listed = 0;
  return (request) => (isList(request) && ++listed === 2 ? FAILURES[seed % FAILURES.length] : rate(request));
}

describe('faults: 20% of the list requests throttled, 5xx or reset', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    proxy = await startFaultProxy((await seededWorld()).emulator.endpoint);
    dir = tempDir('faults');
  });

  after(async function () {
    await proxy?.stop();
  });

  registryKinds.forEach((kind, k) => {
    kindIt(kind, 'faults', 'an export through 20% faults equals the fault-free export byte for byte and the ground truth', async (row, world) => {
      const list = listOf(row);
      const isList = isListOf(row);
      const seed = SEED + 1000 + k;
      const clean = await exportThrough(proxy, dir, `${kind}-clean.jsonl`, list, row.pageSize, isList);
      assert.equal(clean.error, undefined, String(clean.error));
      const faulty = await exportThrough(proxy, dir, `${kind}-faulty.jsonl`, list, row.pageSize, isList, { rule: someFaults(seed, isList) });
      assert.equal(faulty.error, undefined, String(faulty.error));
      const comparison = compareKeys(idsIn(faulty.job.outputPath, row.idOf), row.expected(world));
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(bytesOf(faulty).equals(bytesOf(clean)), 'byte for byte the fault-free export');
      assert.equal(faulty.kept, undefined, 'no checkpoint left');
      const faulted = faulty.requests.filter((r) => r.faults.length > 0).length;
      if (row.noRequests) {
        assert.equal(faulty.requests.length + clean.requests.length, 0, 'no request');
        return { cell: `n/a: no request (${row.noRequests})`, tried: 'every request faulted', times: 0, crashes: 0, outcome: `complete without a request: ${row.noRequests}` };
      }
      assert.ok(faulted > 0, 'faults were injected');
      assert.equal(faulty.retries, faulted, 'every faulted request was retried, each retry logged with its backoff');
      return {
        cell: `0 lost, 0 duplicated; ${faulted} of ${faulty.requests.length} requests faulted`,
        tried: `${row.expected(world).length.toLocaleString('en-US')} items, page size ${row.pageSize}, maxAttempts ${MAX_ATTEMPTS}; 20% of ${faulty.requests.length} list requests faulted (seed ${seed})`,
        times: faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete; equals the ground truth and the fault-free export byte for byte; ${faulty.retries} retries logged (${faultMix(faulty)})`,
      };
    });
  });

  it('a parallel Scan (4 segments) of 5,000 DynamoDB items through 20% faults equals the fault-free parallel export byte for byte', async function () {
    const row = rowOf('dynamodb.items');
    const isList = isListOf(row);
    const seed = SEED + 82;
    const clean = await exportThrough(proxy, dir, 'parallel-clean.jsonl', listOf(row), 100, isList, { parallelism: 4 });
    const faulty = await exportThrough(proxy, dir, 'parallel-faulty.jsonl', listOf(row), 100, isList, { parallelism: 4, rule: someFaults(seed, isList) });
    assert.equal(faulty.error, undefined, String(faulty.error));
    const comparison = compareKeys(idsIn(faulty.job.outputPath, row.idOf), ITEM_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(bytesOf(faulty).equals(bytesOf(clean)));
    const faulted = faulty.requests.filter((r) => r.faults.length > 0).length;
    assert.equal(faulty.retries, faulted);
    record({
      area: 'Faults', tried: `Export ${ITEM_KEYS.length.toLocaleString('en-US')} DynamoDB items (${ITEMS_TABLE}), parallel Scan of 4 segments, page size 100, maxAttempts ${MAX_ATTEMPTS}; 20% of the list requests faulted (seed ${seed})`,
      times: faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: `complete; file equals ground truth and the fault-free parallel export byte for byte; ${faulty.retries} retries logged (${faultMix(faulty)})`,
    });
  });

  // The tree reads the list as it is shown (S3 by folder level, here a whole bucket without one), page by page.
  const treeRuns: Array<{ label: string; kind: string; list: () => ListRef; idOf: (item: ResourceItem) => string; pageSize: number; mode: Connection['retryMode'] }> = [
    { label: '10,000 S3 objects, page size 1000', kind: 's3.objects', list: () => ({ kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } }), idOf: (item) => String(item.record.Key), pageSize: 1000, mode: 'standard' },
    { label: '1,000 SNS topics (pages of 100)', kind: 'sns.topics', list: () => listOf(rowOf('sns.topics')), idOf: (item) => String(item.record.TopicArn), pageSize: 100, mode: 'adaptive' },
    { label: '5,000 DynamoDB items, page size 500', kind: 'dynamodb.items', list: () => listOf(rowOf('dynamodb.items')), idOf: (item) => item.name, pageSize: 500, mode: 'standard' },
    { label: '150 SQS queues, page size 10', kind: 'sqs.queues', list: () => listOf(rowOf('sqs.queues')), idOf: (item) => String(item.record.QueueUrl).split('/').at(-1)!, pageSize: 10, mode: 'adaptive' },
  ];
  treeRuns.forEach(({ label, kind, list, idOf, pageSize, mode }, i) => {
    it(`tree "Load all" of ${label} through 20% faults (${mode} retries) shows every item once, none left loading`, async function () {
      const world = await seededWorld();
      const row = rowOf(kind);
      const isList = isListOf(row);
      const log = capturingLog();
      const session = new AwsSession(testConnection(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS, retryMode: mode }), log);
      const model = new TreeModel({ clients: async () => session, pageSize: () => pageSize });
      const seed = SEED + 7 + i;
      const from = proxy.log.length;
      proxy.setRule(someFaults(seed, isList));
      try {
        assert.equal((await model.loadAll(list())).outcome, 'complete');
      } finally {
        proxy.setRule(undefined);
        session.dispose();
      }
      const snapshot = model.snapshot(list());
      const comparison = compareKeys(snapshot.items.map(idOf), kind === 's3.objects' ? BIG_KEYS : row.expected(world));
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(snapshot.complete && !snapshot.loading && snapshot.failure === undefined);
      const faulted = proxy.log.slice(from).filter((r) => isList(r) && r.faults.length > 0).length;
      assert.ok(faulted > 0);
      const retries = log.lines.filter((line) => /\(attempt \d+ of \d+, after \d+ ms backoff\)/.test(line)).length;
      assert.equal(retries, faulted, 'every faulted request retried and logged with its backoff');
      record({
        area: 'Faults', tried: `Tree "Load all" of ${label}, retryMode ${mode}, maxAttempts ${MAX_ATTEMPTS}; 20% of the list requests faulted (seed ${seed})`,
        times: faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete, ${snapshot.items.length.toLocaleString('en-US')} items once each, none loading; ${retries} retries logged`,
      });
    });
  });

  after(function () {
    note('Faults', `Fault mix of the 20% runs: throttling in each service's own words (S3 503 SlowDown, SNS 429 Throttling, DynamoDB ProvisionedThroughputExceededException…), 500, 503, a connection reset before the response, a reset halfway through the body; \`rateRule(seed, 0.2, …)\` plus the second list request always (RELIABILITY_SEED=${SEED}). Every list kind's row: "Every list kind" below.`);
  });
});
