// One export per output file, between processes: two paged-aws-export processes racing into one file, and a holder
// SIGKILLed while it writes (its lock stays on the disk, stale).
import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockPathOf } from '../../src/core/export/outputLock';
import { seededRandom, type FaultProxy } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, cliEnv, compareKeys, exportedKeys, nodeBinary, proxiedCli, runProcess, type ProcessRun } from './support/fixture';
import { note, record } from './support/results';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
const RACES = 10;

describe('one export per file: racing processes and a SIGKILLed holder', function () {
  let proxy: FaultProxy;
  let cli: string;
  let dir: string;
  let onListRequest: ((index: number) => void) | undefined;
  let listRequests = 0;

  before(async function () {
    // Every list request 5 ms late: an export of 10,000 objects in pages of 500 takes long enough to race.
    ({ proxy, cli, dir } = await proxiedCli('lock', (request) => {
      if (request.action !== 'ListObjectsV2') {
        return undefined;
      }
      onListRequest?.(++listRequests);
      return { kind: 'latency', ms: 5 };
    }));
  });

  after(async function () {
    await proxy?.stop();
  });

  const exportRun = (out: string, stateDir: string, onSpawn?: (child: ChildProcess) => void): Promise<ProcessRun> =>
    runProcess(nodeBinary, [cli, `s3://${BIG_BUCKET}/`, '--out', out, '--page-size', '500', '--state-dir', stateDir], { env: cliEnv(proxy), cwd: dir, onSpawn });

  it(`two processes started at the same moment into one file, ${RACES} times: exactly one writes it, the other is refused naming the first, and the file is exact`, async function () {
    const reference = await exportRun('reference.jsonl', 'state-reference');
    assert.equal(reference.code, 0, reference.stderr);
    const random = seededRandom(SEED + 71);
    const messages = new Set<string>();
    let refusedRuns = 0;
    for (let race = 0; race < RACES; race++) {
      const out = `race-${race}.jsonl`;
      // Separate checkpoint folders, as a VS Code window and the CLI have: only the lock beside the file is shared.
      const runs = await Promise.all([0, 1].map(async (n) => {
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
        return exportRun(out, `state-race-${race}-${n}`);
      }));
      const winners = runs.filter((run) => run.code === 0);
      const refused = runs.filter((run) => run.code !== 0);
      assert.equal(winners.length, 1, runs.map((run) => run.stderr).join('\n---\n'));
      assert.equal(refused.length, 1);
      assert.match(refused[0].stderr, /^paged-aws-export: race-\d+\.jsonl is being written by another export: s3:\/\/reliability-big\/, started \S+ by paged-aws-export \(process \d+ on [^)]+\)\. Wait for it to finish or stop it; if it is no longer running, delete .+\.lock\.\n$/);
      assert.equal(refused[0].code, 1);
      messages.add(refused[0].stderr.trim().replace(/race-\d+/g, 'race-N').replace(/started \S+/, 'started …').replace(/process \d+/, 'process …').split(dir).join('…'));
      refusedRuns++;
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, 'reference.jsonl'))), 'byte for byte the export of one writer');
      assert.equal(fs.existsSync(lockPathOf(path.join(dir, out))), false, 'the lock is gone');
    }
    record({
      area: 'One export per file', tried: `Two CLI exports of 10,000 objects into the same file, started within 3 ms of each other, ${RACES} times (separate checkpoint folders; seed ${SEED + 71})`,
      times: RACES, lost: 0, duplicated: 0, crashes: 0,
      outcome: `each time one completed (file equals the single-writer export byte for byte) and ${refusedRuns / RACES === 1 ? 'the other' : 'another'} exited 1 before writing: "${[...messages][0]}"`,
    });
  });

  it('a holder SIGKILLed while writing leaves a stale lock: the next run takes it over, resumes, and ends byte for byte; a second writer is still refused meanwhile', async function () {
    const out = 'killed-holder.jsonl';
    const stateDir = 'state-killed-holder';
    listRequests = 0;
    const killed = await exportRun(out, stateDir, (child) => {
      onListRequest = (index) => index === 8 && child.kill('SIGKILL');
    });
    onListRequest = undefined;
    assert.equal(killed.signal, 'SIGKILL');
    const lockPath = lockPathOf(path.join(dir, out));
    const stale = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
    assert.equal(stale.pid, killed.pid, 'the killed holder\'s lock is still on the disk');

    // The resume takes the stale lock; while it runs, another export into the file (from a clean state folder) is refused.
    let intruder: Promise<ProcessRun> | undefined;
    listRequests = 0;
    onListRequest = (index) => {
      if (index === 4) {
        intruder ??= exportRun(out, 'state-intruder');
      }
    };
    const resumed = await exportRun(out, stateDir);
    onListRequest = undefined;
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /^Resuming: /);
    const second = await intruder!;
    assert.equal(second.code, 1);
    assert.match(second.stderr, new RegExp(`by paged-aws-export \\(process ${resumed.pid} on `), 'the intruder is told who writes the file: the resumed run');
    const comparison = compareKeys(exportedKeys(path.join(dir, out), 'jsonl'), BIG_KEYS);
    assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
    assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, 'reference.jsonl'))));
    assert.equal(fs.existsSync(lockPath), false);
    record({
      area: 'One export per file', tried: 'CLI export SIGKILLed at its 8th list request (its lock file stays), run again; a third export into the file started during the resume',
      times: 1, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
      outcome: 'the stale lock (process gone) was taken over and the export resumed to the uninterrupted file byte for byte; the third export exited 1 naming the resumed run\'s process',
    });
    note('One export per file', 'The lock is a file beside the output (`.NAME.lock`: pid, host, start time, the list, the tool), created whole and linked into place, so of two racing processes exactly one gets it; it is stale when its process is gone (on Linux also when the pid now belongs to a process that started later). A lock of another host is never taken over.');
  });
});
