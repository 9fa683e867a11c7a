import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCheckpoint } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { type FaultProxy } from '../support/faultProxy';
import { type CrashPlan } from './support/crashingExport';
import { BIG_BUCKET, BIG_KEYS, cliEnv, compareKeys, exportedKeys, nodeBinary, proxiedCli, root, runProcess } from './support/fixture';
import { record } from './support/results';

const PAGE_SIZE = 500;
const crashingExport = path.join(__dirname, 'support', 'crashingExport.ts');

describe('interrupted writes: a crash between a page and its checkpoint, and torn checkpoint files', function () {
  let proxy: FaultProxy;
  let cli: string;
  let dir: string;

  before(async function () {
    ({ proxy, cli, dir } = await proxiedCli('interrupted'));
  });

  after(async function () {
    await proxy?.stop();
  });

  const env = () => cliEnv(proxy);
  const exportsDir = () => path.join(dir, 'state', 'exports');
  const checkpointFiles = () => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []);

  function cliRun(out: string) {
    return runProcess(nodeBinary, [cli, `s3://${BIG_BUCKET}/`, '--out', out, '--page-size', String(PAGE_SIZE), '--state-dir', 'state'], { env: env(), cwd: dir });
  }

  async function crash(out: string, format: ExportFormat, crashAt: CrashPlan['crash'], atPage: number) {
    const plan: CrashPlan = { list: `s3://${BIG_BUCKET}/`, outputPath: path.join(dir, out), format, pageSize: PAGE_SIZE, stateDir: path.join(dir, 'state'), crash: crashAt, atPage };
    const run = await runProcess(nodeBinary, ['--import', 'tsx', crashingExport, JSON.stringify(plan)], { env: env(), cwd: root });
    assert.equal(run.signal, 'SIGKILL', run.stderr);
  }

  async function reference(format: ExportFormat): Promise<Buffer> {
    const run = await cliRun(`reference.${format}`);
    assert.equal(run.code, 0, run.stderr);
    return fs.readFileSync(path.join(dir, `reference.${format}`));
  }

  function onlyCheckpoint() {
    const [name] = checkpointFiles().filter((n) => n.endsWith('.json'));
    return { name, checkpoint: parseCheckpoint(fs.readFileSync(path.join(exportsDir(), name), 'utf8'), name.slice(0, -'.json'.length))! };
  }

  for (const format of ['jsonl', 'csv', 'json'] as const) {
    it(`${format}: killed after page 4 was written and synced but before its checkpoint: the rerun writes page 4 once`, async function () {
      const expected = await reference(format);
      const out = `crash-before-checkpoint.${format}`;
      await crash(out, format, 'afterPageBeforeCheckpoint', 4);
      const { checkpoint } = onlyCheckpoint();
      assert.equal(checkpoint.pagesWritten, 3, 'the checkpoint still points after page 3');
      assert.ok(fs.statSync(path.join(dir, out)).size > checkpoint.byteLength, 'page 4 is in the file beyond the checkpoint');
      const resumed = await cliRun(out);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.match(resumed.stderr, /^Resuming: 1,500 objects written/);
      const comparison = compareKeys(exportedKeys(path.join(dir, out), format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(expected), 'byte for byte the uninterrupted export');
      assert.deepEqual(checkpointFiles(), []);
      record({
        area: 'Interrupted writes', tried: `${format}: process killed after page 4 was written and fsynced, before its checkpoint was saved`, times: 1, ...comparison, crashes: 0,
        outcome: `rerun said "${resumed.stderr.split('\n')[0]}", cut the unrecorded page off and wrote it once; file equals the uninterrupted export`,
      });
    });
  }

  it('a torn checkpoint file (half of its JSON) is not trusted: the rerun starts over and the file is complete and exact', async function () {
    const expected = await reference('jsonl');
    const out = 'torn-checkpoint.jsonl';
    await crash(out, 'jsonl', 'afterPageBeforeCheckpoint', 6);
    const { name } = onlyCheckpoint();
    const file = path.join(exportsDir(), name);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.slice(0, text.length >> 1));
    const rerun = await cliRun(out);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.doesNotMatch(rerun.stderr, /Resuming/);
    const comparison = compareKeys(exportedKeys(path.join(dir, out), 'jsonl'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(dir, out)).equals(expected));
    assert.deepEqual(checkpointFiles(), [], 'the torn checkpoint is gone');
    record({
      area: 'Interrupted writes', tried: 'Checkpoint file torn in half (as after a crash on a file system without atomic rename)', times: 1, ...comparison, crashes: 0,
      outcome: `the unreadable checkpoint is ignored (not offered for resume); the rerun started over ("${rerun.stderr.trim()}") and replaced it; file equals the uninterrupted export`,
    });
  });

  it('a crash in the middle of writing a checkpoint leaves the previous one intact: the rerun resumes from it and clears the debris', async function () {
    const expected = await reference('csv');
    const out = 'torn-temporary.csv';
    await crash(out, 'csv', 'midCheckpointWrite', 5);
    const files = checkpointFiles();
    assert.equal(files.filter((n) => n.endsWith('.tmp')).length, 1, 'the half-written temporary file is there');
    const { checkpoint } = onlyCheckpoint();
    assert.equal(checkpoint.pagesWritten, 4, 'the last complete checkpoint is untouched');
    const rerun = await cliRun(out);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.match(rerun.stderr, /^Resuming: 2,000 objects written/);
    const comparison = compareKeys(exportedKeys(path.join(dir, out), 'csv'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(dir, out)).equals(expected));
    assert.deepEqual(checkpointFiles(), [], 'no temporary file left behind');
    record({
      area: 'Interrupted writes', tried: 'Process killed halfway through writing a checkpoint (half a temporary file on disk)', times: 1, ...comparison, crashes: 0,
      outcome: `previous checkpoint intact; rerun said "${rerun.stderr.split('\n')[0]}"; file equals the uninterrupted export; temporary file removed`,
    });
  });
});
