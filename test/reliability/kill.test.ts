import * as assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ExportFormat } from '../../src/core/records/formats';
import { seededRandom, type FaultProxy } from '../support/faultProxy';
import { BIG_BUCKET, BIG_KEYS, cliEnv, compareKeys, exportedKeys, nodeBinary, proxiedCli, runProcess } from './support/fixture';
import { note, record } from './support/results';

const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
const KILLS = 20;
const PAGE_SIZE = 100;

/** When to kill: `delayMs` after the proxy received the `request`-th list request of that run (0: after the spawn). */
interface Moment {
  readonly request: number;
  readonly delayMs: number;
}

function moments(seed: number): Moment[] {
  const random = seededRandom(seed);
  return Array.from({ length: KILLS }, () => ({ request: Math.floor(random() * 6), delayMs: Math.floor(random() * 40) }));
}

// The export runs in a child process (the paged-aws-export CLI as it ships); the emulator and the proxy run here.
// Each list request is 10 ms late, so a kill can land while a request is out, a page is written, synced or checkpointed.
describe('kill test: SIGKILL at 20 seeded moments, resumed each time', function () {
  let proxy: FaultProxy;
  let cli: string;
  let dir: string;
  let listRequests = 0;
  let onListRequest: ((index: number) => void) | undefined;

  before(async function () {
    ({ proxy, cli, dir } = await proxiedCli('kill', (request) => {
      if (request.action !== 'ListObjectsV2') {
        return undefined;
      }
      onListRequest?.(++listRequests);
      return { kind: 'latency', ms: 10 };
    }));
  });

  after(async function () {
    await proxy?.stop();
  });

  const env = () => cliEnv(proxy);

  function exportRun(out: string, kill?: Moment) {
    listRequests = 0;
    let killed = false;
    return runProcess(nodeBinary, [cli, `s3://${BIG_BUCKET}/`, '--out', out, '--page-size', String(PAGE_SIZE), '--state-dir', 'state'], {
      env: env(), cwd: dir,
      onSpawn: (child: ChildProcess) => {
        const fire = () => {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), kill!.delayMs);
        };
        onListRequest = kill === undefined ? undefined : (index) => {
          if (index === kill.request && !killed) {
            fire();
          }
        };
        if (kill?.request === 0) {
          fire();
        }
      },
    }).finally(() => {
      onListRequest = undefined;
    });
  }

  const formats: readonly ExportFormat[] = ['jsonl', 'csv', 'json'];
  formats.forEach((format, f) => {
    it(`${format}: 10,000 objects, killed ${KILLS} times and resumed, ends with every object once, byte for byte the uninterrupted file`, async function () {
      const reference = await exportRun(`reference.${format}`);
      assert.equal(reference.code, 0, reference.stderr);
      const seed = SEED + f;
      const plan = moments(seed);
      const out = `killed.${format}`;
      const landed: string[] = [];
      let resumes = 0;
      let crashes = 0;
      for (const moment of plan) {
        const run = await exportRun(out, moment);
        if (/^Resuming: /.test(run.stderr)) {
          resumes++;
        }
        if (run.signal === 'SIGKILL') {
          landed.push(`${moment.request}+${moment.delayMs}ms`);
        } else {
          // The export finished before the kill: it must have finished properly.
          assert.equal(run.code, 0, run.stderr);
          landed.push(`(${moment.request}+${moment.delayMs}ms: finished first)`);
        }
        if (run.signal === null && run.code !== 0) {
          crashes++;
        }
      }
      const final = await exportRun(out);
      assert.equal(final.code, 0, final.stderr);
      const killed = landed.filter((m) => !m.startsWith('(')).length;
      assert.equal(killed, KILLS, `every kill landed before the export finished: ${landed.join(', ')}`);
      assert.match(final.stderr, /^Resuming: /);
      const comparison = compareKeys(exportedKeys(path.join(dir, out), format), BIG_KEYS);
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(fs.readFileSync(path.join(dir, out)).equals(fs.readFileSync(path.join(dir, `reference.${format}`))), 'byte for byte the uninterrupted export');
      assert.deepEqual(fs.readdirSync(path.join(dir, 'state', 'exports')), [], 'no checkpoint left');
      record({
        area: 'Kill', tried: `CLI export of 10,000 objects to ${format}, page size ${PAGE_SIZE}, SIGKILL at ${KILLS} seeded moments (seed ${seed}), then run again each time`,
        times: killed, lost: comparison.lost, duplicated: comparison.duplicated, crashes,
        outcome: `${resumes + 1} runs resumed from a checkpoint; final file valid ${format}, equals ground truth and the uninterrupted export byte for byte; no checkpoint left`,
      });
      note('Kill', `${format} (seed ${seed}), kill moments as "list request + delay": ${landed.join(', ')}.`);
    });
  });
});
