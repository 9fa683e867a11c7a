// The CLI as it ships, SIGKILLed at seeded moments and run again until it completes: every list kind ends with the
// bytes of an uninterrupted run. The export runs in a child process; the emulator and the proxy run here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExportFormat } from '../../src/core/records/formats';
import { startFaultProxy, type FaultProxy, type ProxyRequest } from '../support/faultProxy';
import { cliRunner, moments, type Moment } from './support/cliRuns';
import { idsIn } from './support/exports';
import { BIG_BUCKET, BIG_KEYS, compareKeys, exportedKeys, SEED, tempDir, type ProcessRun } from './support/fixture';
import { isListOf, kindIt, registryKinds, rowOf, seededWorld } from './support/kinds';
import { ITEMS_TABLE, ITEM_KEYS } from './support/rows/dynamodb';
import { note, record } from './support/results';

/** Kills per list kind: a few, so every kind fits the run's time; S3, DynamoDB and a Logs search get 20 below. */
const KILLS = 3;
const KILLS_LONG = 20;
const DAY = 86_400_000;

/** What a run of kills came to. */
interface Killed {
  readonly killed: number;
  readonly resumes: number;
  readonly crashes: number;
  readonly landed: readonly string[];
  /** What each run wrote to standard error, the final one last. */
  readonly stderr: readonly string[];
}

/** Runs `args` killed at each moment, then once more to its end; a run that was not killed must have succeeded. */
async function killAndRerun(run: (args: readonly string[], kill?: Moment) => Promise<ProcessRun>, args: readonly string[], plan: readonly Moment[], before?: () => void): Promise<Killed & { final: ProcessRun }> {
  let killed = 0;
  let resumes = 0;
  let crashes = 0;
  const landed: string[] = [];
  const stderr: string[] = [];
  for (const moment of plan) {
    before?.();
    const result = await run(args, moment);
    stderr.push(result.stderr);
    resumes += /^Resuming: /.test(result.stderr) ? 1 : 0;
    if (result.signal === 'SIGKILL') {
      killed++;
      landed.push(`${moment.request}+${moment.delayMs}ms`);
    } else {
      assert.equal(result.code, 0, result.stderr);
      crashes += result.signal === null && result.code !== 0 ? 1 : 0;
      landed.push(`(${moment.request}+${moment.delayMs}ms: finished first)`);
    }
  }
  before?.();
  const final = await run(args);
  assert.equal(final.code, 0, final.stderr);
  stderr.push(final.stderr);
  return { killed, resumes: resumes + (/^Resuming: /.test(final.stderr) ? 1 : 0), crashes, landed, stderr, final };
}

describe('kill: SIGKILL at seeded moments, run again until complete', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    proxy = await startFaultProxy((await seededWorld()).emulator.endpoint);
    dir = tempDir('kill');
  });

  after(async function () {
    await proxy?.stop();
  });

  registryKinds.forEach((kind, k) => {
    kindIt(kind, 'kill', `the CLI SIGKILLed at ${KILLS} seeded list requests and run again until complete: identical bytes to the uninterrupted file`, async (row, world) => {
      // Each list request 20 ms late and each kill within 20 ms of the proxy receiving the 3rd or 4th request of a run,
      // before that request is answered: the first page is checkpointed by then (a rerun resumes), and a run writes
      // at most three pages, so the three kills land before a listing of 10 pages or more ends.
      const run = cliRunner(proxy, { cwd: dir, isList: isListOf(row), latencyMs: 20 });
      const args = (out: string) => [row.address, '--out', out, '--page-size', String(row.pageSize), '--state-dir', `state-${kind}`];
      const reference = await run(args(`${kind}-reference.jsonl`));
      assert.equal(reference.code, 0, reference.stderr);
      const out = `${kind}-killed.jsonl`;
      if (row.noRequests || row.onePage) {
        assert.equal((await run(args(out), { request: 0, delayMs: 0 })).signal, 'SIGKILL');
        const again = await run(args(out));
        assert.equal(again.code, 0, again.stderr);
        assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, `${kind}-reference.jsonl`))));
        const why = row.noRequests ? `no list request: ${row.noRequests}` : `one page: ${row.onePage}`;
        return { cell: row.noRequests ? 'n/a: no request to kill at' : 'n/a: one page', tried: 'killed at its start', times: 1, crashes: 0, outcome: `${why}; killed at its start, the rerun wrote the same bytes` };
      }
      const seed = SEED + 2000 + k;
      const plan = moments(seed, KILLS, 2, 3).map((moment) => ({ ...moment, delayMs: moment.delayMs % 20 }));
      const result = await killAndRerun(run, args(out), plan);
      assert.equal(result.killed, KILLS, `every kill landed before the export finished: ${result.landed.join(', ')}`);
      assert.ok(result.resumes > 0, 'a rerun resumed from a checkpoint');
      assert.equal(result.crashes, 0);
      const comparison = compareKeys(idsIn(path.join(dir, out), row.idOf), row.expected(world));
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, `${kind}-reference.jsonl`))), 'byte for byte the uninterrupted export');
      assert.deepEqual(fs.readdirSync(path.join(dir, `state-${kind}`, 'exports')), [], 'no checkpoint left');
      return {
        cell: `0 lost, 0 duplicated; ${result.killed} kills, ${result.resumes} resumes`,
        tried: `\`paged-aws-export ${row.address}\`, page size ${row.pageSize}, SIGKILL at ${KILLS} seeded moments (seed ${seed}: ${result.landed.join(', ')}, as list request + delay)`,
        times: result.killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes: result.crashes,
        outcome: `${result.resumes} runs resumed from a checkpoint; equals the ground truth and the uninterrupted export byte for byte; no checkpoint left`,
      };
    });
  });

  const formats: readonly ExportFormat[] = ['jsonl', 'csv', 'json'];
  formats.forEach((format, f) => {
    it(`${format}: 10,000 S3 objects, killed ${KILLS_LONG} times and resumed, ends with every object once, byte for byte the uninterrupted file`, async function () {
      const run = cliRunner(proxy, { cwd: dir, isList: (request) => request.action === 'ListObjectsV2' });
      const args = (out: string) => [`s3://${BIG_BUCKET}/`, '--out', out, '--page-size', '100', '--state-dir', 'state-s3'];
      const reference = await run(args(`reference.${format}`));
      assert.equal(reference.code, 0, reference.stderr);
      const seed = SEED + f;
      const out = `killed.${format}`;
      const result = await killAndRerun(run, args(out), moments(seed, KILLS_LONG, 6));
      assert.equal(result.killed, KILLS_LONG, `every kill landed before the export finished: ${result.landed.join(', ')}`);
      assert.match(result.final.stderr, /^Resuming: /);
      const comparison = compareKeys(exportedKeys(path.join(dir, out), format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, `reference.${format}`))), 'byte for byte the uninterrupted export');
      assert.deepEqual(fs.readdirSync(path.join(dir, 'state-s3', 'exports')), [], 'no checkpoint left');
      record({
        area: 'Kill', tried: `CLI export of 10,000 objects to ${format}, page size 100, SIGKILL at ${KILLS_LONG} seeded moments (seed ${seed}), then run again each time`,
        times: result.killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes: result.crashes,
        outcome: `${result.resumes} runs resumed from a checkpoint; final file valid ${format}, equals ground truth and the uninterrupted export byte for byte; no checkpoint left`,
      });
      note('Kill', `${format} (seed ${seed}), kill moments as "list request + delay": ${result.landed.join(', ')}.`);
    });
  });

  for (const parallel of [undefined, 4]) {
    const mode = parallel ? `parallel Scan of ${parallel} segments` : 'sequential Scan';
    it(`CLI export of 5,000 DynamoDB items (${mode}), SIGKILL at ${KILLS_LONG} seeded moments, resumed each time: byte for byte the uninterrupted file`, async function () {
      const row = rowOf('dynamodb.items');
      const run = cliRunner(proxy, { cwd: dir, isList: isListOf(row) });
      const seed = SEED + 101 + (parallel ?? 0);
      const args = (out: string) => [`dynamodb:table/${ITEMS_TABLE}`, '--out', out, '--page-size', '100', '--state-dir', `state-dynamodb-${parallel ?? 1}`, ...(parallel ? ['--parallel', String(parallel)] : [])];
      const reference = `dynamodb-reference-${parallel ?? 1}.jsonl`;
      assert.equal((await run(args(reference))).code, 0);
      const out = `dynamodb-killed-${parallel ?? 1}.jsonl`;
      // From the 2nd list request on: a kill before the first checkpoint only starts over.
      const result = await killAndRerun(run, args(out), moments(seed, KILLS_LONG, 7, 1));
      assert.equal(result.crashes, 0);
      assert.ok(result.killed >= KILLS_LONG - 2, `kills that landed before the export finished: ${result.killed}`);
      const comparison = compareKeys(idsIn(path.join(dir, out), row.idOf), ITEM_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, reference))), 'byte for byte the uninterrupted export');
      record({
        area: 'Kill', tried: `CLI export of 5,000 DynamoDB items (${mode}), page size 100, SIGKILL at ${KILLS_LONG} seeded moments (seed ${seed}), then run again each time`,
        times: result.killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes: result.crashes,
        outcome: `${result.resumes} runs resumed from a checkpoint; final file equals ground truth and the uninterrupted export byte for byte`,
      });
    });
  }

  it(`CLI export of a log search (--start -24h), SIGKILL at ${KILLS_LONG} seeded moments; before every rerun the stand-in's clock moves a day on, so each saved token has expired: byte for byte`, async function () {
    const { emulator } = await seededWorld();
    // A search of its own, 20,000 events: long enough for 20 kills, each rerun finding its saved token expired.
    const group = '/reliability/search-aged';
    const now = emulator.logs.now();
    emulator.logs.createLogGroup(group);
    const eventIds = ['a', 'b', 'c'].flatMap((stream, s) => {
      emulator.logs.createLogStream(group, stream);
      return emulator.logs.putEvents(group, stream, Array.from({ length: s === 0 ? 10_000 : 5000 }, (_, i) => ({
        timestamp: now - 6 * 3_600_000 + Math.floor(i / 5) * 100, message: `event ${stream}-${i}${i % 50 === 0 ? ' ERROR' : ''}`,
      }))).map((event) => event.eventId);
    });
    const run = cliRunner(proxy, { cwd: dir, isList: (request: ProxyRequest) => request.action === 'FilterLogEvents' });
    const args = (out: string) => [`logs:group/${group}`, '--start', '-24h', '--out', out, '--page-size', '250', '--state-dir', 'state-logs-aged'];
    assert.equal((await run(args('logs-aged-reference.jsonl'))).code, 0);
    const seed = SEED + 131;
    let aged = 0;
    const age = () => {
      emulator.logs.advanceClock(DAY + 1);
      aged += DAY + 1;
    };
    let result;
    try {
      result = await killAndRerun(run, args('logs-aged.jsonl'), moments(seed, KILLS_LONG, 8, 1), age);
    } finally {
      emulator.logs.advanceClock(-aged);
    }
    assert.ok(result.killed >= KILLS_LONG - 2, `kills that landed: ${result.killed}`);
    const byTimestamp = result.stderr.filter((text) => /went on with startTime after the last event written/.test(text)).length;
    assert.ok(byTimestamp >= result.resumes - 2 && byTimestamp > 0, `resumes by timestamp: ${byTimestamp} of ${result.resumes}`);
    const comparison = compareKeys(idsIn(path.join(dir, 'logs-aged.jsonl'), (record) => String(record.eventId)), eventIds);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(dir, 'logs-aged.jsonl')).equals(fs.readFileSync(path.join(dir, 'logs-aged-reference.jsonl'))), 'byte for byte the uninterrupted export');
    record({
      area: 'Kill', tried: `CLI export of a log group's events (logs:group/… --start -24h, 20,000 events), page size 250, SIGKILL at ${KILLS_LONG} seeded moments (seed ${seed}); before each rerun the tokens age 24 h`,
      times: result.killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes: result.crashes,
      outcome: `${result.resumes} runs resumed, ${byTimestamp} of them from the last timestamp written after the saved token was refused; the -24h range stayed the first run's; file equals the uninterrupted export byte for byte`,
    });
  });
});
