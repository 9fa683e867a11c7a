// Find in a list against the emulator, through the CLI's `find` as the exporter runs it: the file holds exactly the
// keys the pattern matches (substring, glob, regular expression), sequential and parallel alike.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { matcherOf, readPattern } from '../../src/core/find/pattern';
import { createBucket, putObjects, startEmulator, testSession, type Emulator } from '../support/emulator';

describe('Find in a list: exactly the matching items (against the emulator)', function () {
  let emulator: Emulator;
  let dir: string;
  const keys = Array.from({ length: 250 }, (_, i) => `${['a/', 'b/', 'c/x/', ''][i % 4]}obj-${String(i).padStart(4, '0')}.${i % 3 ? 'log' : 'gz'}`);

  before(async function () {
    emulator = await startEmulator();
    const session = testSession(emulator.endpoint);
    await createBucket(session, 'find-bucket');
    await putObjects(session, 'find-bucket', keys);
    session.dispose();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-find-test-'));
  });

  after(async function () {
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const find = async (pattern: string, ...extra: string[]) => {
    const out = path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const code = await main(['find', 's3://find-bucket/', pattern, '--out', out, '--endpoint-url', emulator.endpoint, '--state-dir', path.join(dir, 'state'), '--page-size', '7', ...extra],
      { stdout: quiet, stderr: quiet, env, cwd: dir } as never);
    assert.equal(code, 0);
    return fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).Key as string);
  };
  const expected = (pattern: string, options = {}) => keys.filter((key) => matcherOf(readPattern(pattern, options))(key)).sort();

  it('a substring, a glob and a regular expression each find exactly their keys', async function () {
    for (const pattern of ['0012', 'a/*.gz', '/^c\\/x\\/obj-01/', '*OBJ-02?0*']) {
      assert.deepEqual(await find(pattern), expected(pattern), pattern);
    }
    assert.equal((await find('a/*.gz')).length, 21);
    assert.deepEqual(await find('*OBJ-02?0*', '--ignore-case'), expected('*OBJ-02?0*', { ignoreCase: true }));
    assert.equal((await find('*OBJ-02?0*', '--ignore-case')).length, 5);
  });

  it('a parallel find writes the same keys in the same order', async function () {
    assert.deepEqual(await find('*.gz', '--parallel', '4'), await find('*.gz'));
    assert.equal((await find('*.gz')).length, 84);
  });
});
