import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBucket, numberedNames, putObjects, startEmulator, testSession, type Emulator } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { builtCli, nodeBinary, runProcess, type ProcessRun } from '../support/cli';


// `paged-aws-export --parallel N` as it ships (an esbuild bundle) in a separate process, killed with SIGKILL while
// several parts are being listed, then run again: the file must be the sequential one, byte for byte.
describe('paged-aws-export --parallel: SIGKILL mid-way and run again gives the sequential file', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let dir: string;
  let cli: string;
  let listRequests = 0;
  let onListRequest: ((index: number) => void) | undefined;
  // 12 folders of 150 keys (lower-case, zero-padded, one shape: fauxqs sorts with localeCompare but resumes with `>`)
  // and keys beside the folders.
  const keys = [
    ...Array.from({ length: 12 }, (_, i) => numberedNames(`p-${String(i).padStart(2, '0')}/k`, 150)).flat(),
    'p-03', 'p-07', 'q-0001',
  ];

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-parallel-cli-test-'));
    cli = await builtCli();
    emulator = await startEmulator();
    const seed = testSession(emulator.endpoint);
    await createBucket(seed, 'parallel-cli');
    await putObjects(seed, 'parallel-cli', keys);
    seed.dispose();
    // Each list request is 15 ms late, so a kill lands while parts are in flight, written or checkpointed.
    proxy = await startFaultProxy(emulator.endpoint, (request) => {
      if (request.action !== 'ListObjectsV2') {
        return undefined;
      }
      onListRequest?.(++listRequests);
      return { kind: 'latency', ms: 15 };
    });
  });

  after(async function () {
    await proxy?.stop();
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(args: readonly string[], killAt?: number): Promise<ProcessRun> {
    listRequests = 0;
    try {
      return await runProcess(nodeBinary, [cli, ...args, '--state-dir', path.join(dir, 'state')], {
        cwd: dir,
        env: { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1' },
        onSpawn: (child) => (onListRequest = killAt === undefined ? undefined : (index) => index === killAt && child.kill('SIGKILL')),
      });
    } finally {
      onListRequest = undefined;
    }
  }

  const partsLeft = (file: string) => fs.existsSync(path.join(dir, `.${file}.parts`));

  it('lists in parallel with --parallel 4, and every kill + resume (in parallel) ends with the sequential bytes', async function () {
    const sequential = await run(['s3://parallel-cli/', '--out', 'sequential.jsonl', '--page-size', '50']);
    assert.equal(sequential.code, 0, sequential.stderr);
    const expected = fs.readFileSync(path.join(dir, 'sequential.jsonl'));
    assert.equal(expected.toString().trim().split('\n').length, keys.length);

    const parallel = await run(['s3://parallel-cli/', '--out', 'parallel.jsonl', '--page-size', '50', '--parallel', '4']);
    assert.equal(parallel.code, 0, parallel.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'parallel.jsonl')).equals(expected));

    for (const killAt of [2, 4, 7, 11, 16, 23, 31]) {
      const file = `killed-${killAt}.jsonl`;
      const killed = await run(['s3://parallel-cli/', '--out', file, '--page-size', '50', '--parallel', '4'], killAt);
      assert.equal(killed.signal, 'SIGKILL', `kill at request ${killAt}: ${killed.stderr}`);
      const resumed = await run(['s3://parallel-cli/', '--out', file, '--parallel', '4']);
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.ok(fs.readFileSync(path.join(dir, file)).equals(expected), `killed at request ${killAt}: byte for byte the sequential file`);
      assert.equal(partsLeft(file), false, 'no part files are left');
    }
    assert.deepEqual(fs.readdirSync(path.join(dir, 'state', 'exports')), [], 'no checkpoint is left');
  });

  it('rejects --parallel outside 1-64 as a usage error', async function () {
    for (const value of ['0', '65', 'x', '2.5']) {
      const done = await run(['s3://parallel-cli/', '--out', 'bad.jsonl', '--parallel', value]);
      assert.equal(done.code, 2);
      assert.match(done.stderr, /--parallel must be a whole number from 1 to 64/);
    }
  });
});
