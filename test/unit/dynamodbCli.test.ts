// `paged-aws-export` on a DynamoDB table as it ships (an esbuild bundle) in a separate process: SIGKILLed mid-way,
// sequential and as a parallel scan, then run again: the file must be the uninterrupted one, byte for byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtCli, nodeBinary, runProcess, type ProcessRun } from '../support/cli';
import { createTable, numberedNames, putItems, useEmulator } from '../support/emulator';

describe('paged-aws-export dynamodb:table/NAME: killed and run again gives the same bytes', function () {
  let dir: string;
  let cli: string;
  let onScan: ((index: number) => void) | undefined;
  let scans = 0;

  const env = useEmulator(async (seed) => {
    await createTable(seed, 'cli-orders', ['pk:S', 'sk:N']);
    await putItems(seed, 'cli-orders', numberedNames('o', 600, 4).map((pk, i) => ({ pk: { S: pk }, sk: { N: String(i % 7) }, big: { N: `1${'0'.repeat(30)}${i}` } })));
  });

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-dynamodb-cli-'));
    cli = await builtCli();
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(function () {
    // Each Scan is 10 ms late, so a kill lands while pages are in flight, written or checkpointed.
    env.proxy.setRule((request) => {
      if (request.action === 'Scan') {
        onScan?.(++scans);
        return { kind: 'latency', ms: 10 };
      }
      return undefined;
    });
  });

  async function run(args: readonly string[], killAt?: number): Promise<ProcessRun> {
    scans = 0;
    try {
      return await runProcess(nodeBinary, [cli, ...args, '--state-dir', path.join(dir, 'state')], {
        cwd: dir,
        env: { ...process.env, AWS_ENDPOINT_URL: env.proxy.endpoint, AWS_REGION: 'us-east-1' },
        onSpawn: (child) => (onScan = killAt === undefined ? undefined : (index) => index === killAt && child.kill('SIGKILL')),
      });
    } finally {
      onScan = undefined;
    }
  }

  for (const parallel of ['1', '4']) {
    it(`--parallel ${parallel}: every SIGKILL + run again ends with the uninterrupted file${parallel === '1' ? '' : ' (segments one after the other)'}`, async function () {
      const reference = await run(['dynamodb:table/cli-orders', '--out', `reference-${parallel}.jsonl`, '--page-size', '25', '--parallel', parallel]);
      assert.equal(reference.code, 0, reference.stderr);
      assert.match(reference.stderr, /Exported 600 items/);
      const expected = fs.readFileSync(path.join(dir, `reference-${parallel}.jsonl`));
      // The export asks for page k+1 as soon as page k arrives, while page k-1's checkpoint may still be on its way
      // to the disk: when the 4th Scan goes out, the first page's checkpoint is there; at the 3rd it may not be yet.
      for (const killAt of [4, 9, 17]) {
        const file = `killed-${parallel}-${killAt}.jsonl`;
        const killed = await run(['dynamodb:table/cli-orders', '--out', file, '--page-size', '25', '--parallel', parallel], killAt);
        assert.equal(killed.signal, 'SIGKILL', `kill at Scan ${killAt}: ${killed.stderr}`);
        const resumed = await run(['dynamodb:table/cli-orders', '--out', file, '--parallel', parallel]);
        assert.equal(resumed.code, 0, resumed.stderr);
        assert.match(resumed.stderr, /^Resuming: /);
        assert.ok(fs.readFileSync(path.join(dir, file)).equals(expected), `killed at Scan ${killAt}: byte for byte`);
      }
    });
  }

  it('--plain writes plain items; on a resume a different --plain is refused; --plain elsewhere is a usage error', async function () {
    const plain = await run(['dynamodb:table/cli-orders', '--out', 'plain.jsonl', '--plain']);
    assert.equal(plain.code, 0, plain.stderr);
    const first = fs.readFileSync(path.join(dir, 'plain.jsonl'), 'utf8').split('\n')[0];
    assert.match(first, /^\{"pk":"o-\d{4}","sk":\d,"big":10{30}\d+\}$/);

    const killed = await run(['dynamodb:table/cli-orders', '--out', 'typed.jsonl', '--page-size', '25'], 4);
    assert.equal(killed.signal, 'SIGKILL');
    const conflict = await run(['dynamodb:table/cli-orders', '--out', 'typed.jsonl', '--plain']);
    assert.equal(conflict.code, 2);
    assert.match(conflict.stderr, /uses the default records \(no --plain\)\. Run with --restart/);

    const usage = await run(['sns:topics', '--out', 'x.jsonl', '--plain']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--plain applies to DynamoDB items/);
  });
});
