// A token the service refuses (expired, say): every list kind with a position (S3 key order, a Logs search's time, a
// Health pass, a Resource Explorer part) goes on from it and ends byte for byte as an undisturbed run; one without
// says so and how much Start Over writes again, its checkpoint kept. S3 beyond the row: sequential and parallel
// exports with 20% refused, a CLI export killed and refused on every resume, and the tree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeExportProblem } from '../../src/core/export/errors';
import { countOf } from '../../src/core/export/messages';
import { type ListRef } from '../../src/core/lists';
import { type ExportFormat } from '../../src/core/records/formats';
import { kindOf } from '../../src/core/services/registry';
import { TreeModel } from '../../src/core/tree/treeModel';
import { createBucket, numberedNames, putObjects, testSession } from '../support/emulator';
import { rateRule, startFaultProxy, type FaultProxy, type FaultRule, type ProxyRequest } from '../support/faultProxy';
import { cliRunner, moments } from './support/cliRuns';
import { bytesOf, exportThrough, idsIn } from './support/exports';
import { BIG_BUCKET, BIG_KEYS, compareKeys, exportedKeys, SEED, tempDir } from './support/fixture';
import { isListOf, kindIt, listOf, registryKinds, rowOf, seededWorld } from './support/kinds';
import { note, record } from './support/results';

const RATE = 0.2;
/** The request with a token that a row's refusal hits: a later page, with pages written before it. */
const REFUSED_AT = 2;
const FOLDER_BUCKET = 'reliability-refused-folders';
/** 12 folders of 250 keys, one of them nested, and keys beside them: a parallel export lists each folder as a part. */
const FOLDER_KEYS = [
  ...numberedNames('a-root', 40),
  ...Array.from({ length: 12 }, (_, f) => numberedNames(`f-${String(f).padStart(2, '0')}/${f === 3 ? 'sub/' : ''}k`, 250)).flat(),
  ...numberedNames('z-root', 40),
];
const bigObjects: ListRef = { kind: 's3.objects', params: { bucket: BIG_BUCKET, prefix: '', delimiter: '' } };
const folderObjects: ListRef = { kind: 's3.objects', params: { bucket: FOLDER_BUCKET, prefix: '', delimiter: '' } };
const isObjects = (request: ProxyRequest) => request.action === 'ListObjectsV2';
const withToken = (action: string) => (request: ProxyRequest) => request.action === action && request.token !== undefined;

/** Refuses `rate` of the requests that carry a token (seeded); a request without one (StartAfter) always passes. */
function refuseSome(seed: number, action: string, rate = RATE): FaultRule {
  return rateRule(seed, rate, [{ kind: 'refuseToken' }], withToken(action));
}

describe('refused tokens: resumed by position where the API has one, Start over (saying what it costs) where not', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    const { emulator, session } = await seededWorld();
    proxy = await startFaultProxy(emulator.endpoint);
    await createBucket(session, FOLDER_BUCKET);
    await putObjects(session, FOLDER_BUCKET, FOLDER_KEYS, 64);
    dir = tempDir('refused');
  });

  after(async function () {
    await proxy?.stop();
  });

  const refusals = (run: { requests: ReadonlyArray<{ faults: readonly string[] }> }) => run.requests.filter((r) => r.faults.includes('refuseToken')).length;

  const sequentialRuns: Array<{ format: ExportFormat; pageSize: number }> = [{ format: 'jsonl', pageSize: 250 }, { format: 'csv', pageSize: 100 }];
  sequentialRuns.forEach(({ format, pageSize }, i) => {
    it(`sequential export of 10,000 S3 objects (${format}, page size ${pageSize}), 20% of its tokens refused: each time it goes on after the last key written, byte for byte the undisturbed file`, async function () {
      const seed = SEED + 31 + i;
      const reference = await exportThrough(proxy, dir, `reference-${pageSize}.${format}`, bigObjects, pageSize, isObjects, { format });
      const refused = await exportThrough(proxy, dir, `refused-${pageSize}.${format}`, bigObjects, pageSize, isObjects, { format, rule: refuseSome(seed, 'ListObjectsV2') });
      assert.equal(refused.error, undefined, String(refused.error));
      assert.ok(refusals(refused) > 0, 'tokens were refused');
      assert.equal(refused.resumedAt.length, refusals(refused), 'every refusal went on from the position, and the user was told');
      const comparison = compareKeys(exportedKeys(refused.job.outputPath, format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(bytesOf(refused).equals(bytesOf(reference)), 'byte for byte the undisturbed export');
      record({
        area: 'Refused tokens', tried: `Export 10,000 S3 objects, ${format}, page size ${pageSize}; 20% of the continuation tokens refused (400 InvalidArgument, seed ${seed})`,
        times: refusals(refused), lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: 'complete without Start over: each refusal went on with StartAfter = the last key written; file equals the undisturbed export byte for byte',
      });
    });
  });

  it('parallel export (8 parts at once) of 3,080 S3 objects in 12 folders, 20% of the parts\' tokens refused: each part goes on after its last key, byte for byte the sequential file', async function () {
    const seed = SEED + 41;
    const reference = await exportThrough(proxy, dir, 'folders-sequential.jsonl', folderObjects, 50, isObjects);
    const refused = await exportThrough(proxy, dir, 'folders-parallel.jsonl', folderObjects, 50, isObjects, { parallelism: 8, rule: refuseSome(seed, 'ListObjectsV2') });
    assert.equal(refused.error, undefined, String(refused.error));
    assert.ok(refusals(refused) > 0);
    assert.equal(refused.resumedAt.length, refusals(refused));
    const parts = new Set(refused.resumedAt.map((after) => after.split('/')[0]));
    assert.ok(parts.size > 1, `refusals in several parts: ${[...parts].join(', ')}`);
    const comparison = compareKeys(exportedKeys(refused.job.outputPath, 'jsonl'), FOLDER_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(bytesOf(refused).equals(bytesOf(reference)), 'byte for byte the sequential export');
    record({
      area: 'Refused tokens', tried: `Parallel export (--parallel 8) of ${FOLDER_KEYS.length.toLocaleString('en-US')} S3 objects in 12 folders, page size 50; 20% of the parts' tokens refused (seed ${seed})`,
      times: refusals(refused), lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: `complete: ${parts.size} parts went on after their last key written; file equals the sequential export byte for byte`,
    });
  });

  it('CLI export killed (SIGKILL) 10 times, every resume\'s saved token refused: each resume goes on after the last key of its checkpoint, byte for byte the uninterrupted file', async function () {
    const cwd = tempDir('refused-cli');
    // The first token a resumed run sends is its checkpoint's: refused, as after a day's pause.
    let savedTokenRefused = false;
    const run = cliRunner(proxy, {
      cwd, isList: isObjects,
      extra: (request) => {
        if (savedTokenRefused && request.token !== undefined) {
          savedTokenRefused = false;
          return { kind: 'refuseToken' };
        }
        return undefined;
      },
    });
    const args = (out: string) => [`s3://${BIG_BUCKET}/`, '--out', out, '--page-size', '200', '--state-dir', 'state'];
    const reference = await run(args('reference.jsonl'));
    assert.equal(reference.code, 0, reference.stderr);
    let killed = 0;
    let resumes = 0;
    let resumedByPosition = 0;
    for (const moment of moments(SEED + 51, 10, 4, 2)) {
      savedTokenRefused = fs.existsSync(path.join(cwd, 'state', 'exports')) && fs.readdirSync(path.join(cwd, 'state', 'exports')).length > 0;
      const killedRun = await run(args('killed.jsonl'), { request: moment.request, delayMs: moment.delayMs % 30 });
      killed += killedRun.signal === 'SIGKILL' ? 1 : 0;
      resumes += /^Resuming: /.test(killedRun.stderr) ? 1 : 0;
      resumedByPosition += /the export went on with StartAfter after the last object written/.test(killedRun.stderr) ? 1 : 0;
      assert.ok(killedRun.signal === 'SIGKILL' || killedRun.code === 0, killedRun.stderr);
    }
    savedTokenRefused = true;
    const final = await run(args('killed.jsonl'));
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
      assert.equal((await model.loadAll(bigObjects)).outcome, 'complete');
    } finally {
      proxy.setRule(undefined);
      session.dispose();
    }
    const keys = model.snapshot(bigObjects).items.map((item) => String(item.record.Key));
    const comparison = compareKeys(keys, BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.deepEqual(keys, [...BIG_KEYS].sort());
    const refused = proxy.log.slice(from).filter((r) => r.faults.includes('refuseToken')).length;
    assert.ok(refused > 0);
    assert.equal(resumed.length, refused);
    record({
      area: 'Refused tokens', tried: `Tree "Load all" of 10,000 S3 objects, page size 500; 20% of the tokens refused (seed ${seed})`,
      times: resumed.length, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: 'complete, in key order, no failure row: each refused Load more loaded the page after the last row (logged)',
    });
  });

  for (const kind of registryKinds) {
    kindIt(kind, 'refusedToken', 'a refused token on a later page: resumed by position where the kind has one, else Start Over with the count, the checkpoint kept', async (row, world) => {
      const list = listOf(row);
      const isList = isListOf(row);
      const clean = await exportThrough(proxy, dir, `${kind}-undisturbed.jsonl`, list, row.pageSize, isList);
      assert.equal(clean.error, undefined, String(clean.error));
      let withToken = 0;
      const refuseOne: FaultRule = (request) => (isList(request) && request.token !== undefined && ++withToken === REFUSED_AT ? { kind: 'refuseToken' } : undefined);
      const name = `${kind}-refused.jsonl`;
      const run = await exportThrough(proxy, dir, name, list, row.pageSize, isList, { rule: refuseOne });
      if (row.noRequests || row.noToken) {
        assert.equal(run.error, undefined, String(run.error));
        assert.ok(bytesOf(run).equals(bytesOf(clean)));
        assert.equal(run.requests.filter((r) => r.token !== undefined).length, 0, 'no request carried a token');
        return { cell: 'n/a: no token', tried: 'no request carries a token', times: 0, crashes: 0, outcome: row.noRequests ? `complete without a request: ${row.noRequests}` : `no request carries a token: ${row.noToken}` };
      }
      assert.equal(run.requests.filter((r) => r.faults.includes('refuseToken')).length, 1, 'a token was refused');
      const tried = `${row.expected(world).length.toLocaleString('en-US')} items, page size ${row.pageSize}; the token of request ${REFUSED_AT + 1} refused (${run.requests.find((r) => r.faults.length)?.action})`;
      if (kindOf(list).position) {
        assert.equal(run.error, undefined, String(run.error));
        assert.equal(run.resumedAt.length, 1, 'the export went on from its position, and said so (onResumedAt)');
        const comparison = compareKeys(idsIn(run.job.outputPath, row.idOf), row.expected(world));
        assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
        assert.ok(bytesOf(run).equals(bytesOf(clean)), 'byte for byte the undisturbed export');
        return {
          cell: 'resumed by position; 0 lost, 0 duplicated', tried, times: 1, lost: 0, duplicated: 0, crashes: 0,
          outcome: `complete without Start over: went on from ${kindOf(list).position?.describe?.(run.resumedAt[0]) ?? run.resumedAt[0]}; byte for byte the undisturbed export`,
        };
      }
      const problem = describeExportProblem(run.error, { checkpoint: run.kept });
      assert.equal(problem.kind, 'refusedToken', problem.message);
      assert.ok(problem.startOver && !problem.resumable);
      assert.ok(run.kept && run.kept.itemsWritten > 0, 'the checkpoint is kept');
      const startOver = `That writes the ${countOf(list, run.kept.itemsWritten)} already exported again; the checkpoint is kept until then.`;
      assert.ok(problem.message.endsWith(startOver), problem.message);
      // Start Over: the same export into the same file, from the first page.
      const again = await exportThrough(proxy, dir, name, list, row.pageSize, isList);
      assert.equal(again.error, undefined, String(again.error));
      assert.equal(again.kept, undefined, 'Start Over replaced the checkpoint');
      assert.ok(bytesOf(again).equals(bytesOf(clean)), 'Start Over wrote the undisturbed file');
      return {
        cell: `no position: Start Over (${countOf(list, run.kept.itemsWritten)} again), checkpoint kept`, tried, times: 1, crashes: 0,
        outcome: `Start over offered: "${problem.message}"; Start Over then wrote the undisturbed file byte for byte`,
      };
    });
  }

  it('a log search export with 20% of its tokens refused as expired: each time it goes on from the last timestamp written, byte for byte', async function () {
    const world = await seededWorld();
    const row = rowOf('logs.search');
    const seed = SEED + 121;
    const clean = await exportThrough(proxy, dir, 'search-clean.jsonl', listOf(row), row.pageSize, isListOf(row));
    const refused = await exportThrough(proxy, dir, 'search-refused.jsonl', listOf(row), row.pageSize, isListOf(row), { rule: refuseSome(seed, 'FilterLogEvents') });
    assert.equal(refused.error, undefined, String(refused.error));
    assert.ok(refused.resumedAt.length > 0);
    const comparison = compareKeys(idsIn(refused.job.outputPath, row.idOf), row.expected(world));
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(bytesOf(refused).equals(bytesOf(clean)));
    record({
      area: 'Refused tokens', tried: `Export of a log group's events (${row.expected(world).length.toLocaleString('en-US')}, runs of 5 per millisecond), page size ${row.pageSize}; 20% of the nextTokens refused as expired (400 InvalidParameterException, seed ${seed})`,
      times: refused.resumedAt.length, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: 'complete without Start over: each refusal went on with startTime = the last timestamp written, skipping the event ids written at it; file equals the undisturbed export byte for byte',
    });
    note('Refused tokens', 'A DynamoDB table re-created with another key while its export was interrupted is tested against dynalite itself, which refuses the old key as DynamoDB does (test/unit/dynamodb.test.ts): "…The position names pk (S); rekeyed now has the key tenant (S), id (N)…".');
  });

});
