// CloudWatch Logs and EC2 through the same tables, on the stand-ins (test/support/logsStandIn.ts, ec2StandIn.ts): 20%
// faults, refused (expired) search tokens resumed by timestamp, 20 seeded SIGKILLs of a CLI search export whose every
// resume finds its token expired, and bad input. An emulator of their own, so the other suites' counts stay as they are.
import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsSession } from '../../src/core/aws/session';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { failureLabel } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { startEmulator, testConnection, testSession, type Emulator } from '../support/emulator';
import { rateRule, seededRandom, startFaultProxy, type Fault, type FaultProxy, type ProxyRequest } from '../support/faultProxy';
import { builtCli, capturingLog, compareKeys, hasStackTrace, nodeBinary, runProcess, tempDir, type ProcessRun } from './support/fixture';
import { record } from './support/results';
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
const DAY = 86_400_000;
const GROUP = '/reliability/search';
const EVENTS = 20_000;
const isList = (r: ProxyRequest) => r.action === 'FilterLogEvents' || r.action === 'DescribeInstances';
const search: ListRef = { kind: 'logs.search', params: { group: GROUP, start: '-24h' } };
const instances: ListRef = { kind: 'ec2.instances', params: {} };

/** The event ids of a JSON Lines search export, or the instance ids of an EC2 one. */
function exportedIds(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const record = JSON.parse(line) as { eventId?: string; InstanceId?: string };
    return record.eventId ?? record.InstanceId!;
  });
}

describe('CloudWatch Logs and EC2 through the same tables (stand-ins): faults, expired tokens, kills, bad input', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let dir: string;
  let eventIds: string[];
  let instanceIds: string[];

  before(async function () {
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.endpoint);
    const now = Date.now();
    emulator.logs.createLogGroup(GROUP);
    // Three streams; runs of events share a millisecond, so the events of one instant span pages.
    for (const [s, stream] of ['a', 'b', 'c'].entries()) {
      emulator.logs.createLogStream(GROUP, stream);
      emulator.logs.putEvents(GROUP, stream, Array.from({ length: EVENTS / 4 * (s === 0 ? 2 : 1) }, (_, i) => ({
        timestamp: now - 6 * 3_600_000 + Math.floor(i / 5) * 100, message: `event ${stream}-${i}${i % 50 === 0 ? ' ERROR' : ''}`,
      })));
    }
    eventIds = emulator.logs.logGroup(GROUP)!.streams.size ? [...emulator.logs.logGroup(GROUP)!.streams.values()].flatMap((stream) => stream.events.map((event) => event.eventId)) : [];
    instanceIds = emulator.ec2.seedInstances(1500).map((instance) => instance.instanceId);
    dir = tempDir('logs-ec2');
  });

  after(async function () {
    await proxy?.stop();
    await emulator?.stop();
  });

  beforeEach(function () {
    proxy.setRule(undefined);
  });

  async function exportOnce(list: ListRef, pageSize: number, name: string, rule?: (r: ProxyRequest) => Fault | readonly Fault[] | undefined) {
    const log = capturingLog();
    const session = new AwsSession(testConnection(proxy.endpoint, { maxAttempts: MAX_ATTEMPTS }), log);
    const store = new FileCheckpointStore(path.join(dir, `state-${name}`));
    const job: ExportJob = { target: listingTarget(session.connection), list, pageSize, format: 'jsonl', outputPath: path.join(dir, name), asOf: new Date(Date.now()).toISOString() };
    const from = proxy.log.length;
    const resumedAt: string[] = [];
    proxy.setRule(rule);
    try {
      await startExport(session, job, { store, onResumedAt: (after) => resumedAt.push(after) });
    } finally {
      proxy.setRule(undefined);
      session.dispose();
    }
    assert.equal(await store.load(checkpointId(job)), undefined);
    const faulted = proxy.log.slice(from).filter((r) => isList(r) && r.faults.length > 0);
    const retries = log.lines.filter((line) => /\(attempt \d+ of \d+, after \d+ ms backoff\)/.test(line)).length;
    return { file: job.outputPath, faulted: faulted.length, retries, resumedAt, kinds: [...new Set(faulted.map((r) => r.faults.join('+')))].join(', ') };
  }

  const runs = [
    { label: `Export of a log group's events (FilterLogEvents, ${EVENTS.toLocaleString('en-US')} events in 3 streams), page size 500`, list: search, pageSize: 500, expected: () => eventIds },
    { label: 'Export of 1,500 EC2 instances (DescribeInstances), page size 100', list: instances, pageSize: 100, expected: () => instanceIds },
  ];
  runs.forEach(({ label, list, pageSize, expected }, i) => {
    it(`${label} through 20% faults: the file equals the fault-free export byte for byte`, async function () {
      const seed = SEED + 111 + i;
      const clean = await exportOnce(list, pageSize, `${list.kind}-clean.jsonl`);
      const faulty = await exportOnce(list, pageSize, `${list.kind}-faulty.jsonl`, rateRule(seed, 0.2, FAILURES, isList));
      const comparison = compareKeys(exportedIds(faulty.file), expected());
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(faulty.file).equals(fs.readFileSync(clean.file)));
      assert.ok(faulty.faulted > 0);
      assert.equal(faulty.retries, faulty.faulted);
      record({
        area: 'Faults', tried: `${label}, maxAttempts ${MAX_ATTEMPTS}; 20% of the list requests faulted (seed ${seed})`,
        times: faulty.faulted, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete; file equals ground truth and the fault-free export byte for byte; ${faulty.retries} retries logged (${faulty.kinds})`,
      });
    });
  });

  it('a log search export with 20% of its tokens refused as expired: each time it goes on from the last timestamp written, byte for byte', async function () {
    const seed = SEED + 121;
    const clean = await exportOnce(search, 500, 'search-clean.jsonl');
    const refused = await exportOnce(search, 500, 'search-refused.jsonl', rateRule(seed, 0.2, [{ kind: 'refuseToken' }], (r) => r.action === 'FilterLogEvents' && r.token !== undefined));
    assert.ok(refused.resumedAt.length > 0);
    const comparison = compareKeys(exportedIds(refused.file), eventIds);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(refused.file).equals(fs.readFileSync(clean.file)));
    record({
      area: 'Refused tokens', tried: `Export of a log group's events (${EVENTS.toLocaleString('en-US')}, runs of 5 per millisecond), page size 500; 20% of the nextTokens refused as expired (400 InvalidParameterException, seed ${seed})`,
      times: refused.resumedAt.length, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: 'complete without Start over: each refusal went on with startTime = the last timestamp written, skipping the event ids written at it; file equals the undisturbed export byte for byte',
    });
  });

  it('CLI export of a log search (--start -24h), SIGKILL at 20 seeded moments; before every rerun the stand-in\'s clock moves a day on, so each saved token has expired: byte for byte', async function () {
    const cli = await builtCli();
    const random = seededRandom(SEED + 131);
    let listRequests = 0;
    let onListRequest: ((index: number) => void) | undefined;
    const exportRun = (out: string, kill?: { request: number; delayMs: number }): Promise<ProcessRun> => {
      listRequests = 0;
      proxy.setRule((request) => {
        if (request.action !== 'FilterLogEvents') {
          return undefined;
        }
        onListRequest?.(++listRequests);
        return { kind: 'latency', ms: 10 };
      });
      let fired = false;
      return runProcess(nodeBinary, [cli, `logs:group/${GROUP}`, '--start', '-24h', '--out', out, '--page-size', '250', '--state-dir', 'state-kill'], {
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, cwd: dir,
        onSpawn: (child: ChildProcess) => {
          onListRequest = kill && ((index) => {
            if (index === kill.request && !fired) {
              fired = true;
              setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
            }
          });
        },
      }).finally(() => {
        onListRequest = undefined;
        proxy.setRule(undefined);
      });
    };
    const reference = await exportRun('kill-reference.jsonl');
    assert.equal(reference.code, 0, reference.stderr);
    let killed = 0;
    let resumes = 0;
    let byTimestamp = 0;
    let aged = 0;
    try {
      for (let k = 0; k < 20; k++) {
        emulator.logs.advanceClock(DAY + 1);
        aged += DAY + 1;
        const run = await exportRun('killed.jsonl', { request: 1 + Math.floor(random() * 8), delayMs: Math.floor(random() * 40) });
        killed += run.signal === 'SIGKILL' ? 1 : 0;
        resumes += /^Resuming: /.test(run.stderr) ? 1 : 0;
        byTimestamp += /went on with startTime after the last event written/.test(run.stderr) ? 1 : 0;
        assert.ok(run.signal === 'SIGKILL' || run.code === 0, run.stderr);
      }
      emulator.logs.advanceClock(DAY + 1);
      aged += DAY + 1;
      const final = await exportRun('killed.jsonl');
      assert.equal(final.code, 0, final.stderr);
      byTimestamp += /went on with startTime/.test(final.stderr) ? 1 : 0;
    } finally {
      emulator.logs.advanceClock(-aged);
    }
    assert.ok(killed >= 18, `kills that landed: ${killed}`);
    assert.ok(byTimestamp >= resumes - 2 && byTimestamp > 0, `resumes by timestamp: ${byTimestamp} of ${resumes}`);
    const comparison = compareKeys(exportedIds(path.join(dir, 'killed.jsonl')), eventIds);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(dir, 'killed.jsonl')).equals(fs.readFileSync(path.join(dir, 'kill-reference.jsonl'))), 'byte for byte the uninterrupted export');
    record({
      area: 'Kill', tried: `CLI export of a log group's events (logs:group/… --start -24h, ${EVENTS.toLocaleString('en-US')} events), page size 250, SIGKILL at 20 seeded moments (seed ${SEED + 131}); before each rerun the tokens age 24 h`,
      times: killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: `${resumes + 1} runs resumed, ${byTimestamp} of them from the last timestamp written after the saved token was refused; the -24h range stayed the first run's; file equals the uninterrupted export byte for byte`,
    });
  });

  describe('bad input', function () {
    async function runCli(args: readonly string[]): Promise<ProcessRun> {
      return runProcess(nodeBinary, [await builtCli(), ...args, '--state-dir', 'state-bad'], {
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_MAX_ATTEMPTS: '2' }, cwd: dir,
      });
    }
    async function treeMessage(list: ListRef): Promise<string> {
      const session = testSession(proxy.endpoint, { maxAttempts: 2 });
      const model = new TreeModel({ clients: async () => session, pageSize: () => 100 });
      await model.ensureLoaded(list);
      session.dispose();
      assert.equal(model.snapshot(list).loading, false);
      return failureLabel(model.snapshot(list).failure!.problem);
    }
    const cases: Array<{ tried: string; args: readonly string[]; list?: ListRef; rule?: (r: ProxyRequest) => Fault | undefined; code: number; message: RegExp }> = [
      { tried: 'A log group that does not exist', args: ['logs:group/no/such/group', '--out', 'missing-group.jsonl'], list: { kind: 'logs.streams', params: { group: 'no/such/group' } }, code: 1, message: /Not found \(ResourceNotFoundException\): The specified log group does not exist/ },
      { tried: 'FilterLogEvents denied (AccessDeniedException)', args: [`logs:group/${GROUP}`, '--out', 'denied-logs.jsonl'], list: search, rule: (r) => (r.action === 'FilterLogEvents' ? { kind: 'accessDenied' } : undefined), code: 1, message: /denied|not authorized/i },
      { tried: 'DescribeInstances denied (UnauthorizedOperation)', args: ['ec2:instances', '--out', 'denied-ec2.jsonl'], list: instances, rule: (r) => (r.action === 'DescribeInstances' ? { kind: 'accessDenied' } : undefined), code: 1, message: /denied|not authorized/i },
      { tried: 'A filter pattern the service cannot read', args: [`logs:group/${GROUP}`, '--filter-pattern', '{ $.level = ', '--out', 'bad-pattern.jsonl'], code: 1, message: /InvalidParameterException/ },
      { tried: 'A time that is not one (--start yesterday)', args: [`logs:group/${GROUP}`, '--start', 'yesterday', '--out', 'bad.jsonl'], code: 2, message: /"yesterday" is not a time/ },
      { tried: 'An instance state that is not one (--state runing)', args: ['ec2:instances', '--state', 'runing', '--out', 'bad.jsonl'], code: 2, message: /"runing" is not an instance state/ },
      { tried: 'An EC2 option on another list (--state on sns:topics)', args: ['sns:topics', '--state', 'running', '--out', 'bad.jsonl'], code: 2, message: /--state applies to ec2:instances/ },
    ];
    for (const { tried, args, list, rule, code, message } of cases) {
      it(`${tried}: a clear message, exit ${code}, no file, no stack trace`, async function () {
        proxy.setRule(rule);
        try {
          const run = await runCli(args);
          assert.equal(run.code, code, run.stderr);
          assert.match(run.stderr, message);
          assert.equal(hasStackTrace(run.stderr), false, run.stderr);
          const out = args[args.indexOf('--out') + 1];
          assert.equal(fs.existsSync(path.join(dir, out)), false, 'no file was created');
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
});
