// SQS queues and DynamoDB items through the same tables as S3 and SNS: 20% faults, 20 seeded SIGKILLs (sequential and
// parallel scan), bad input, and the secrets grep. They run on an emulator of their own, so the other suites' counts
// of the shared one stay as they are.
import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsSession } from '../../src/core/aws/session';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { failureLabel } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createQueues, createTable, numberedNames, putItems, startEmulator, testConnection, testSession, type Emulator } from '../support/emulator';
import { rateRule, seededRandom, startFaultProxy, type Fault, type FaultProxy, type ProxyRequest } from '../support/faultProxy';
import { builtCli, capturingLog, compareKeys, hasStackTrace, nodeBinary, runProcess, tempDir, type ProcessRun } from './support/fixture';
import { note, record } from './support/results';
import { type ListRef } from '../../src/core/lists';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
const FAILURES: readonly Fault[] = [
  { kind: 'throttle' },
  { kind: 'serverError', status: 500 },
  { kind: 'serverError', status: 503 },
  { kind: 'resetBeforeResponse' },
  { kind: 'resetMidResponse' },
];
const MAX_ATTEMPTS = 8;
const KILLS = 20;
const TABLE = 'reliability-items';
const ITEM_KEYS = numberedNames('item', 5000, 5);
const QUEUE_PREFIX = 'reliability-queue';
const QUEUE_NAMES = numberedNames(QUEUE_PREFIX, 300);
const items: ListRef = { kind: 'dynamodb.items', params: { table: TABLE } };
const queues: ListRef = { kind: 'sqs.queues', params: { prefix: QUEUE_PREFIX } };
const isList = (r: ProxyRequest) => r.action === 'Scan' || r.action === 'ListQueues';

/** The key of each exported DynamoDB item (DynamoDB JSON lines) or queue (its URL's last segment). */
function exportedIds(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const record = JSON.parse(line) as { Item?: { pk: { S: string } }; QueueUrl?: string };
    return record.Item ? record.Item.pk.S : record.QueueUrl!.slice(record.QueueUrl!.lastIndexOf('/') + 1);
  });
}

describe('SQS and DynamoDB through the same tables: faults, kills, bad input, secrets', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let dir: string;
  let cli: string;

  before(async function () {
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.endpoint);
    const seed = testSession(emulator.endpoint);
    await createTable(seed, TABLE, ['pk:S']);
    await putItems(seed, TABLE, ITEM_KEYS.map((pk, i) => ({ pk: { S: pk }, n: { N: String(i) }, note: { S: `note ${i}` } })));
    await createQueues(seed, QUEUE_NAMES);
    seed.dispose();
    dir = tempDir('sqs-dynamodb');
    cli = await builtCli();
  });

  after(async function () {
    await proxy?.stop();
    await emulator?.stop();
  });

  beforeEach(function () {
    proxy.setRule(undefined);
  });

  async function exportOnce(list: ListRef, pageSize: number, name: string, options: { parallelism?: number; faults?: number; format?: ExportFormat } = {}) {
    const log = capturingLog();
    const session = new AwsSession(testConnection(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS }), log);
    const store = new FileCheckpointStore(path.join(dir, `state-${name}`));
    const job: ExportJob = { target: listingTarget(session.connection), list, pageSize, format: options.format ?? 'jsonl', outputPath: path.join(dir, name) };
    const from = proxy.log.length;
    if (options.faults !== undefined) {
      proxy.setRule(rateRule(options.faults, 0.2, FAILURES, isList));
    }
    try {
      await startExport(session, job, { store, parallelism: options.parallelism });
    } finally {
      proxy.setRule(undefined);
      session.dispose();
    }
    assert.equal(await store.load(checkpointId(job)), undefined);
    const faulted = proxy.log.slice(from).filter((r) => isList(r) && r.faults.length > 0);
    const retries = log.lines.filter((line) => /\(attempt \d+ of \d+, after \d+ ms backoff\)/.test(line)).length;
    return { file: job.outputPath, faulted: faulted.length, retries, kinds: [...new Set(faulted.map((r) => r.faults.join('+')))].join(', ') };
  }

  describe('faults', function () {
    const runs: Array<{ label: string; list: ListRef; pageSize: number; parallelism?: number; expected: readonly string[] }> = [
      { label: `Export ${ITEM_KEYS.length.toLocaleString('en-US')} DynamoDB items (Scan), page size 100`, list: items, pageSize: 100, expected: ITEM_KEYS },
      { label: `Export ${ITEM_KEYS.length.toLocaleString('en-US')} DynamoDB items, parallel Scan of 4 segments, page size 100`, list: items, pageSize: 100, parallelism: 4, expected: ITEM_KEYS },
      { label: `Export ${QUEUE_NAMES.length} SQS queues (ListQueues), page size 10`, list: queues, pageSize: 10, expected: QUEUE_NAMES },
    ];
    runs.forEach(({ label, list, pageSize, parallelism, expected }, i) => {
      it(`${label} through 20% faults: the file equals the fault-free export byte for byte`, async function () {
        const seed = SEED + 81 + i;
        const name = `${list.kind}-${parallelism ?? 1}`;
        const clean = await exportOnce(list, pageSize, `${name}-clean.jsonl`, { parallelism });
        const faulty = await exportOnce(list, pageSize, `${name}-faulty.jsonl`, { parallelism, faults: seed });
        const comparison = compareKeys(exportedIds(faulty.file), expected);
        assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
        assert.ok(fs.readFileSync(faulty.file).equals(fs.readFileSync(clean.file)), 'byte for byte the fault-free export');
        assert.ok(faulty.faulted > 0);
        assert.equal(faulty.retries, faulty.faulted, 'every faulted request was retried and logged');
        record({
          area: 'Faults', tried: `${label}, maxAttempts ${MAX_ATTEMPTS}; 20% of the list requests faulted (seed ${seed})`,
          times: faulty.faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
          outcome: `complete; file equals ground truth and the fault-free export byte for byte; ${faulty.retries} retries logged (${faulty.kinds})`,
        });
      });
    });

    it('tree "Load all" of 5,000 DynamoDB items and 300 SQS queues through 20% faults: every item once', async function () {
      for (const [list, pageSize, expected, idOf] of [[items, 500, ITEM_KEYS, 'pk'], [queues, 50, QUEUE_NAMES, 'QueueUrl']] as const) {
        const seed = SEED + 91 + pageSize;
        const session = testSession(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS });
        const model = new TreeModel({ clients: async () => session, pageSize: () => pageSize });
        proxy.setRule(rateRule(seed, 0.2, FAILURES, isList));
        try {
          assert.equal((await model.loadAll(list)).outcome, 'complete');
        } finally {
          proxy.setRule(undefined);
          session.dispose();
        }
        const ids = model.snapshot(list).items.map((item) => (idOf === 'pk' ? item.name : String(item.record.QueueUrl).split('/').at(-1)!));
        const comparison = compareKeys(ids, expected);
        assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
        record({
          area: 'Faults', tried: `Tree "Load all" of ${expected.length.toLocaleString('en-US')} ${list === items ? 'DynamoDB items' : 'SQS queues'}, page size ${pageSize}; 20% of the list requests faulted (seed ${seed})`,
          times: proxy.log.filter((r) => isList(r) && r.faults.length > 0).length, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
          outcome: `complete, ${ids.length.toLocaleString('en-US')} items once each, none loading`,
        });
        (proxy.log as unknown[]).length = 0;
      }
    });
  });

  describe('kill', function () {
    let listRequests = 0;
    let onListRequest: ((index: number) => void) | undefined;

    before(function () {
      proxy.setRule(undefined);
    });

    function exportRun(args: readonly string[], kill?: { request: number; delayMs: number }): Promise<ProcessRun> {
      listRequests = 0;
      proxy.setRule((request) => {
        if (request.action !== 'Scan') {
          return undefined;
        }
        onListRequest?.(++listRequests);
        return { kind: 'latency', ms: 10 };
      });
      let fired = false;
      return runProcess(nodeBinary, [cli, ...args], {
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, cwd: dir,
        onSpawn: (child: ChildProcess) => {
          const fire = () => {
            fired = true;
            setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
          };
          onListRequest = kill && ((index) => index === kill.request && !fired && fire());
          if (kill?.request === 0) {
            fire();
          }
        },
      }).finally(() => {
        onListRequest = undefined;
        proxy.setRule(undefined);
      });
    }

    for (const parallel of [undefined, 4]) {
      const mode = parallel ? `parallel Scan of ${parallel} segments` : 'sequential Scan';
      it(`CLI export of 5,000 DynamoDB items (${mode}), SIGKILL at ${KILLS} seeded moments, resumed each time: byte for byte the uninterrupted file`, async function () {
        const seed = SEED + 101 + (parallel ?? 0);
        const random = seededRandom(seed);
        const extra = parallel ? ['--parallel', String(parallel)] : [];
        const base = (out: string) => [`dynamodb:table/${TABLE}`, '--out', out, '--page-size', '100', '--state-dir', `state-kill-${parallel ?? 1}`, ...extra];
        const reference = await exportRun(base(`kill-reference-${parallel ?? 1}.jsonl`));
        assert.equal(reference.code, 0, reference.stderr);
        const out = `killed-${parallel ?? 1}.jsonl`;
        let killed = 0;
        let resumes = 0;
        let crashes = 0;
        for (let k = 0; k < KILLS; k++) {
          const run = await exportRun(base(out), { request: Math.floor(random() * 8), delayMs: Math.floor(random() * 40) });
          killed += run.signal === 'SIGKILL' ? 1 : 0;
          resumes += /^Resuming: /.test(run.stderr) ? 1 : 0;
          crashes += run.signal === null && run.code !== 0 ? 1 : 0;
        }
        const final = await exportRun(base(out));
        assert.equal(final.code, 0, final.stderr);
        assert.equal(crashes, 0);
        assert.ok(killed >= KILLS - 2, `kills that landed before the export finished: ${killed}`);
        const comparison = compareKeys(exportedIds(path.join(dir, out)), ITEM_KEYS);
        assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
        assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, `kill-reference-${parallel ?? 1}.jsonl`))), 'byte for byte the uninterrupted export');
        record({
          area: 'Kill', tried: `CLI export of 5,000 DynamoDB items (${mode}), page size 100, SIGKILL at ${KILLS} seeded moments (seed ${seed}), then run again each time`,
          times: killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes,
          outcome: `${resumes + 1} runs resumed from a checkpoint; final file equals ground truth and the uninterrupted export byte for byte`,
        });
      });
    }
  });

  describe('bad input', function () {
    async function runCli(args: readonly string[]): Promise<ProcessRun> {
      return runProcess(nodeBinary, [cli, ...args, '--state-dir', 'state-bad'], {
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_MAX_ATTEMPTS: '2' }, cwd: dir,
      });
    }

    async function treeMessage(list: ListRef): Promise<string> {
      const session = testSession(proxy.endpoint, { maxAttempts: 2 });
      const model = new TreeModel({ clients: async () => session, pageSize: () => 100 });
      await model.ensureLoaded(list);
      session.dispose();
      const snapshot = model.snapshot(list);
      assert.equal(snapshot.loading, false);
      assert.ok(snapshot.failure, 'a failure row');
      return failureLabel(snapshot.failure.problem);
    }

    const cases: Array<{ tried: string; args: readonly string[]; list?: ListRef; rule?: (r: ProxyRequest) => Fault | undefined; code: number; message: RegExp }> = [
      { tried: 'A DynamoDB table that does not exist', args: ['dynamodb:table/no-such-table', '--out', 'missing-table.jsonl'], list: { kind: 'dynamodb.items', params: { table: 'no-such-table' } }, code: 1, message: /not found.*ResourceNotFoundException|ResourceNotFoundException/i },
      { tried: 'The dead-letter sources of an SQS queue that does not exist', args: ['arn:aws:sqs:us-east-1:000000000000:no-such-queue', '--out', 'missing-queue.jsonl'], list: { kind: 'sqs.deadLetterSources', params: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/no-such-queue' } }, code: 1, message: /QueueDoesNotExist|does not exist|not found/i },
      { tried: 'Scan denied (AccessDeniedException)', args: [`dynamodb:table/${TABLE}`, '--out', 'denied-scan.jsonl'], list: items, rule: (r) => (r.action === 'Scan' ? { kind: 'accessDenied' } : undefined), code: 1, message: /denied|not authorized/i },
      { tried: 'ListQueues denied (AccessDenied)', args: ['sqs:queues', '--out', 'denied-queues.jsonl'], list: queues, rule: (r) => (r.action === 'ListQueues' ? { kind: 'accessDenied' } : undefined), code: 1, message: /denied|not authorized/i },
      { tried: 'A malformed table address (an empty name)', args: ['dynamodb:table/', '--out', 'bad.jsonl'], code: 2, message: /is not a DynamoDB table name/ },
      { tried: 'A malformed segment address (?segment=4&segments=4)', args: [`dynamodb:table/${TABLE}?segment=4&segments=4`, '--out', 'bad.jsonl'], code: 2, message: /segment is \?segment=I&segments=N with 0 <= I < N/ },
    ];
    for (const { tried, args, list, rule, code, message } of cases) {
      it(`${tried}: a clear message, exit ${code}, no file, no stack trace`, async function () {
        proxy.setRule(rule);
        try {
          const run = await runCli(args);
          assert.equal(run.code, code, run.stderr);
          assert.match(run.stderr, message);
          assert.equal(hasStackTrace(run.stderr), false, run.stderr);
          assert.equal(fs.existsSync(path.join(dir, args[2])), false, 'no file was created');
          const shown = list ? await treeMessage(list) : undefined;
          if (shown) {
            assert.match(shown, message);
          }
          record({ area: 'Bad input', tried: `${tried} (CLI${list ? ' and tree' : ''})`, times: list ? 2 : 1, crashes: 0, outcome: `exit ${code}: "${run.stderr.trim()}"${shown ? `; tree: "${shown}"` : ''}` });
        } finally {
          proxy.setRule(undefined);
        }
      });
    }
  });

  describe('secrets', function () {
    it('a verbose CLI export of DynamoDB items (parallel) and SQS queues, through throttling, killed and resumed: no secret or key id in any output, export or checkpoint', async function () {
      const credentials = {
        AWS_ACCESS_KEY_ID: 'AKIADYNAMOSQSRELI03',
        AWS_SECRET_ACCESS_KEY: 'dynamoSqsSecretKey/Reliability+Test44444444',
        AWS_SESSION_TOKEN: 'dynamoSqsSessionToken//ReliabilityTestTokenValue+5555555555==',
      };
      // Every 4th list request throttled, across the parallel segments: enough attempts that one request never runs out.
      const env = { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '10', ...credentials };
      const written: Array<{ source: string; text: string }> = [];
      let n = 0;
      for (const args of [[`dynamodb:table/${TABLE}`, '--out', 'secret-items.jsonl', '--parallel', '3', '--page-size', '200'], ['sqs:queues', '--out', 'secret-queues.csv', '--page-size', '20']]) {
        const full = [cli, ...args, '--verbose', '--state-dir', 'state-secrets'];
        let listed = 0;
        proxy.setRule((request) => (isList(request) && ++listed % 4 === 0 ? { kind: 'throttle' } : { kind: 'latency', ms: 5 }));
        const killed = await runProcess(nodeBinary, full, {
          env, cwd: dir,
          onSpawn: (child) => {
            const timer = setInterval(() => {
              if (listed >= 6) {
                clearInterval(timer);
                child.kill('SIGKILL');
              }
            }, 2);
            child.on('exit', () => clearInterval(timer));
          },
        });
        assert.equal(killed.signal, 'SIGKILL');
        const stateFiles = fs.readdirSync(path.join(dir, 'state-secrets', 'exports')).map((file) => path.join(dir, 'state-secrets', 'exports', file));
        written.push(...stateFiles.map((file) => ({ source: `checkpoint ${path.basename(file)}`, text: fs.readFileSync(file, 'utf8') })));
        const resumed = await runProcess(nodeBinary, full, { env, cwd: dir });
        proxy.setRule(undefined);
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(`${killed.stderr}${resumed.stderr}`, /(ProvisionedThroughputExceededException|ThrottlingException)/, 'verbose output shows the throttled attempts');
        written.push({ source: `CLI output (${args[0]})`, text: `${killed.stdout}${killed.stderr}${resumed.stdout}${resumed.stderr}` });
        written.push({ source: `export ${args[2]}`, text: fs.readFileSync(path.join(dir, args[2]), 'utf8') });
        n++;
      }
      assert.ok(proxy.log.some((r) => r.accessKeyId === credentials.AWS_ACCESS_KEY_ID), 'requests were signed with these credentials');
      const values = Object.values(credentials);
      const found = written.flatMap(({ source, text }) => values.filter((value) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)].some((form) => text.includes(form))).map((value) => `${source}: ${value.slice(0, 10)}…`));
      assert.deepEqual(found, []);
      record({
        area: 'Security', tried: `Secrets grep: secret key, session token and key id of ${n} verbose CLI exports (DynamoDB parallel Scan, SQS queues) through throttling, SIGKILLed and resumed`,
        times: written.length, crashes: 0,
        outcome: `0 occurrences in ${written.length} outputs (CLI stdout/stderr, checkpoints, exports); requests were signed with those credentials`,
      });
      note('Security', 'The DynamoDB and SQS runs use an emulator of their own (test/reliability/sqsAndDynamodb.test.ts).');
    });
  });
});
