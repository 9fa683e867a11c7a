// Find in a list against the emulator, through the CLI's `find` as the exporter runs it: the file holds exactly the
// keys the pattern matches (substring, glob, regular expression), sequential and parallel alike.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { matcherOf, readPattern } from '../../src/core/find/pattern';
import { findList } from '../../src/core/find/findList';
import { kindOf } from '../../src/core/services/registry';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { progressText } from '../../src/core/export/messages';
import { type ExportProgress } from '../../src/core/export/options';
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

  it('an export of a find counts what it read: its progress says so, and a resumed find goes on counting from its checkpoint', async function () {
    const session = testSession(emulator.endpoint);
    try {
      const list = findList({ kind: 's3.objects', params: { bucket: 'find-bucket', prefix: '', delimiter: '/' } }, kindOf({ kind: 's3.objects', params: {} }), readPattern('.gz'));
      const job: ExportJob = { target: listingTarget(session.connection), list, pageSize: 20, format: 'jsonl', outputPath: path.join(dir, 'scanned.jsonl') };
      const store = new FileCheckpointStore(path.join(dir, 'scanned-state'));
      const controller = new AbortController();
      const seen: ExportProgress[] = [];
      await assert.rejects(startExport(session, job, {
        store, signal: controller.signal, onProgress: (p) => {
          seen.push(p);
          if (p.pagesWritten === 3) {
            controller.abort();
          }
        },
      }));
      assert.deepEqual(seen.map((p) => p.itemsScanned), [20, 40, 60]);
      assert.equal(progressText(list, seen[2].itemsWritten, seen[2].pagesWritten, seen[2].itemsScanned), `60 scanned · ${seen[2].itemsWritten} objects · 3 pages`);
      const checkpoint = await store.load(checkpointId(job));
      assert.equal(checkpoint?.itemsScanned, 60);
      const done = await resumeExport(session, checkpoint!, { store });
      assert.equal(done.itemsScanned, keys.length, 'every key read once, across the resume');
      assert.equal(done.itemsWritten, expected('.gz').length);
    } finally {
      session.dispose();
    }
  });
});

