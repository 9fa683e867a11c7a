// One export per output file: the lock beside it, against the emulator (races between processes and a SIGKILLed
// holder are in test/reliability/outputLock.test.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { lockPathOf, OutputLockedError } from '../../src/core/export/outputLock';
import { createBucket, createTopics, numberedNames, putObjects, useEmulator } from '../support/emulator';
import { type ListRef } from '../../src/core/lists';

const objects: ListRef = { kind: 's3.objects', params: { bucket: 'locked', prefix: '', delimiter: '' } };
const topics: ListRef = { kind: 'sns.topics', params: {} };

describe('one export per output file (against the emulator)', function () {
  let dir: string;
  let store: FileCheckpointStore;

  const env = useEmulator(async (seed) => {
    await createBucket(seed, 'locked');
    await putObjects(seed, 'locked', numberedNames('k', 600, 4));
    await createTopics(seed, numberedNames('locked-topic', 30));
  });

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-lock-test-'));
    store = new FileCheckpointStore(path.join(dir, 'state'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const job = (list: ListRef, name = 'out.jsonl', pageSize = 50): ExportJob =>
    ({ target: listingTarget(env.session.connection), list, pageSize, format: 'jsonl', outputPath: path.join(dir, name) });

  it('a second export into a file being written is refused, naming the first; the first ends intact and releases the lock', async function () {
    const first = job(objects);
    const reference = await startExport(env.session, job(objects, 'reference.jsonl'), { store });
    let second: unknown;
    let lockWhileRunning: string | undefined;
    // Later pages come slowly, so the first export is surely still writing when the second one starts.
    env.proxy.setRule((r) => (r.action === 'ListObjectsV2' && r.token ? { kind: 'latency', ms: 100 } : undefined));
    const result = await startExport(env.session, first, {
      store, tool: 'VS Code',
      onProgress: async (p) => {
        if (p.pagesWritten === 2 && second === undefined) {
          lockWhileRunning = fs.readFileSync(lockPathOf(first.outputPath), 'utf8');
          // Another list into the same file, from "another window": refused before it touches the file.
          second = await startExport(env.session, job(topics), { store, tool: 'paged-aws-export' }).then(() => 'finished', (e: unknown) => e);
        }
      },
    });
    env.proxy.setRule(undefined);
    assert.ok(second instanceof OutputLockedError, String(second));
    const problem = describeExportProblem(second);
    assert.equal(problem.kind, 'outputLocked');
    assert.ok(!problem.resumable && !problem.startOver);
    assert.match(problem.message, new RegExp(`^out\\.jsonl is being written by another export: s3://locked/, started \\S+ by VS Code \\(process ${process.pid} on ${os.hostname()}\\)\\. Wait for it to finish or stop it; if it is no longer running, delete ${lockPathOf(first.outputPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    assert.deepEqual(Object.keys(JSON.parse(lockWhileRunning!)).sort(), ['host', 'list', 'pid', 'processStart', 'startedAt', 'tool']);
    assert.equal(result.itemsWritten, 600);
    assert.ok(fs.readFileSync(first.outputPath).equals(fs.readFileSync(reference.job.outputPath)), 'the first export\'s file is untouched by the second');
    assert.equal(fs.existsSync(lockPathOf(first.outputPath)), false, 'the lock is released');
    assert.equal((await startExport(env.session, job(topics), { store })).itemsWritten, 30, 'the file can be exported into again');
  });

  it('the lock is released when an export is cancelled or fails, and its resume takes it again', async function () {
    const j = job(objects);
    const controller = new AbortController();
    await assert.rejects(startExport(env.session, j, { store, signal: controller.signal, onProgress: () => controller.abort() }), { name: 'AbortError' });
    assert.equal(fs.existsSync(lockPathOf(j.outputPath)), false);
    env.proxy.setRule((r) => (r.token ? { kind: 'accessDenied' } : undefined));
    await assert.rejects(resumeExport(env.session, (await store.load(checkpointId(j)))!, { store }));
    env.proxy.setRule(undefined);
    assert.equal(fs.existsSync(lockPathOf(j.outputPath)), false);
    assert.equal((await resumeExport(env.session, (await store.load(checkpointId(j)))!, { store })).itemsWritten, 600);
  });

  it('a stale lock (its process is gone, or the pid now belongs to another process) does not block the resume; another host\'s lock does', async function () {
    const j = job(objects);
    const lockPath = lockPathOf(j.outputPath);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const holder = { pid: Number(gone.stdout), host: os.hostname(), startedAt: '2026-11-30T10:00:00.000Z', list: 's3://locked/', tool: 'paged-aws-export' };
    fs.writeFileSync(lockPath, JSON.stringify(holder));
    assert.equal((await startExport(env.session, j, { store })).itemsWritten, 600, 'a dead holder\'s lock is taken over');

    // This process's pid, but another process start: the holder died and its pid was given to someone else.
    fs.writeFileSync(lockPath, JSON.stringify({ ...holder, pid: process.pid, processStart: '1' }));
    assert.equal((await startExport(env.session, j, { store })).itemsWritten, 600, 'a reused pid is not taken for the holder');

    // A garbled lock file (torn, written by hand) is stale too.
    fs.writeFileSync(lockPath, '{"pid": 12');
    assert.equal((await startExport(env.session, j, { store })).itemsWritten, 600);

    // A lock of another machine (a shared folder) cannot be checked: it stands until its holder or the user removes it.
    fs.writeFileSync(lockPath, JSON.stringify({ ...holder, host: 'build-agent-7' }));
    await assert.rejects(startExport(env.session, j, { store }), (e: unknown) => e instanceof OutputLockedError && /process \d+ on build-agent-7/.test(e.message));
    assert.equal(JSON.parse(fs.readFileSync(lockPath, 'utf8')).host, 'build-agent-7', 'left in place');
  });

  it('a missing output folder is reported for the output, not for its lock', async function () {
    const j = { ...job(objects), outputPath: path.join(dir, 'no-such-folder', 'out.jsonl') };
    const error = await startExport(env.session, j, { store }).then(() => undefined, (e: unknown) => e);
    assert.equal(describeExportProblem(error).message, `Cannot write ${j.outputPath}: the folder does not exist (ENOENT). Choose an existing folder.`);
  });
});
