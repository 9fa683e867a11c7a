import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type AwsSession } from '../../src/core/aws/session';
import { checkpointId, listingTarget, type Checkpoint, type CheckpointStore, type ExportJob } from '../../src/core/export/checkpoint';
import { resumeExport, startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { type ExportFormat } from '../../src/core/records/formats';
import { partsDirectory } from '../../src/core/export/parallelExport';
import { createBucket, numberedNames, putObjects, startEmulator, testSession, type Emulator } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { type ListRef } from '../../src/core/lists';

const objects = (bucket: string, prefix = ''): ListRef => ({ kind: 's3.objects', params: { bucket, prefix, delimiter: '' } });

/**
 * Keys are lower-case, zero-padded and of one shape, because fauxqs sorts with localeCompare but resumes after a
 * token with `>`: names where the two orders disagree (case, `-` against `.`) would be dropped or repeated across
 * pages by the emulator itself, whichever way they are listed. Keys beside the folders are interleaved with them the
 * way S3 orders them: `f-03` (a key) sorts between the folders `f-02/` and `f-03/`, and `f-02/` is also a key of its
 * own (a folder marker), the first of its folder's run.
 */
function bucketKeys(): string[] {
  const keys: string[] = ['a-root-0001', 'a-root-0002'];
  for (let folder = 0; folder < 8; folder++) {
    const name = `f-${String(folder).padStart(2, '0')}`;
    const count = folder === 5 ? 3 : 40;
    keys.push(...numberedNames(`${name}/k`, count));
    if (folder === 1) {
      keys.push(...numberedNames(`${name}/sub/k`, 12));
    }
  }
  keys.push('f-02/', 'f-03', 'f-06', 'f-07/sub/deeper/k-0001', 'z-root-0001');
  return keys;
}

describe('parallel S3 export: folders listed at once, the same bytes as a sequential export (against the emulator)', function () {
  let emulator: Emulator;
  let proxy: FaultProxy;
  let session: AwsSession;
  let dir: string;
  let store: FileCheckpointStore;
  const keys = bucketKeys();

  before(async function () {
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.endpoint);
    const seed = testSession(emulator.endpoint);
    await createBucket(seed, 'par');
    await putObjects(seed, 'par', keys);
    await createBucket(seed, 'flat');
    await putObjects(seed, 'flat', numberedNames('k', 30));
    seed.dispose();
    session = testSession(proxy.endpoint);
  });

  after(async function () {
    session?.dispose();
    await proxy?.stop();
    await emulator?.stop();
  });

  beforeEach(function () {
    proxy.setRule(undefined);
    (proxy.log as unknown[]).length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-parallel-test-'));
    store = new FileCheckpointStore(path.join(dir, 'state'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function job(list: ListRef, format: ExportFormat, pageSize: number, name = `out.${format}`): ExportJob {
    return { target: listingTarget(session.connection), list, pageSize, format, outputPath: path.join(dir, name) };
  }

  async function sequential(list: ListRef, format: ExportFormat, pageSize = 7): Promise<Buffer> {
    const done = await startExport(session, job(list, format, pageSize, `sequential-${format}`), { store });
    return fs.readFileSync(done.job.outputPath);
  }

  const listRequests = () => proxy.log.filter((r) => r.action === 'ListObjectsV2');
  const prefixOf = (url: string) => new URL(url, 'http://x').searchParams.get('prefix') ?? '';
  const delimiterOf = (url: string) => new URL(url, 'http://x').searchParams.get('delimiter') ?? '';

  for (const format of ['jsonl', 'csv'] as const) {
    it(`${format}: lists each top-level folder as its own part and writes the sequential file byte for byte`, async function () {
      const expected = await sequential(objects('par'), format);
      (proxy.log as unknown[]).length = 0;
      const j = job(objects('par'), format, 7);
      const done = await startExport(session, j, { store, parallelism: 3 });
      assert.ok(fs.readFileSync(j.outputPath).equals(expected), 'parallel and sequential exports are identical');
      assert.equal(done.itemsWritten, keys.length);
      const requests = listRequests();
      assert.equal(delimiterOf(requests[0].url), '/', 'one folder-level listing splits the key space');
      const partPrefixes = new Set(requests.slice(1).map((r) => prefixOf(r.url)));
      assert.deepEqual([...partPrefixes].sort(), Array.from({ length: 8 }, (_, i) => `f-0${i}/`), 'then each folder is listed by its prefix');
      assert.ok(requests.slice(1).every((r) => delimiterOf(r.url) === '' && r.pageSize === 7), 'recursively, with the export\'s page size');
      assert.equal(await store.load(checkpointId(j)), undefined, 'no checkpoint is left');
      assert.equal(fs.existsSync(partsDirectory(j.outputPath)), false, 'nor any part file');
    });
  }

  it('a prefix with one folder under it, a list without folders, and JSON are exported sequentially, with the same bytes', async function () {
    for (const [list, format] of [[objects('par', 'f-01/'), 'jsonl'], [objects('flat'), 'jsonl'], [objects('par'), 'json']] as const) {
      const expected = await sequential(list, format);
      (proxy.log as unknown[]).length = 0;
      const j = job(list, format, 7);
      await startExport(session, j, { store, parallelism: 4 });
      assert.ok(fs.readFileSync(j.outputPath).equals(expected), `${list.params.bucket}/${list.params.prefix} ${format}`);
    }
    const jsonRequests = listRequests();
    assert.ok(jsonRequests.every((r) => delimiterOf(r.url) === ''), 'JSON: no folder-level listing at all');
  });

  /** Starts a parallel export and aborts it once `pages` pages (of all parts) are checkpointed. */
  async function abortedAfter(j: ExportJob, pages: number, parallelism: number): Promise<Checkpoint> {
    const controller = new AbortController();
    await assert.rejects(
      startExport(session, j, { store, parallelism, signal: controller.signal, onProgress: (p) => p.pagesWritten >= pages && controller.abort() }),
      { name: 'AbortError' },
    );
    const checkpoint = await store.load(checkpointId(j));
    assert.ok(checkpoint?.parallel, 'a cancelled parallel export keeps its checkpoint with the parts');
    return checkpoint;
  }

  it('aborted at many points and resumed (in parallel or not) gives the sequential file; each part resumes from its own token', async function () {
    const list = objects('par');
    const expected = await sequential(list, 'jsonl');
    for (const [pages, parallelism] of [[1, 3], [2, 2], [5, 3], [9, 4], [17, 3], [30, 8]]) {
      const j = job(list, 'jsonl', 7, `aborted-${pages}-${parallelism}.jsonl`);
      const checkpoint = await abortedAfter(j, pages, parallelism);
      assert.deepEqual(fs.readFileSync(j.outputPath).subarray(0, checkpoint.byteLength), expected.subarray(0, checkpoint.byteLength));
      const listed = checkpoint.parallel!.parts.filter((part) => part.started && !part.done);
      (proxy.log as unknown[]).length = 0;
      const done = await resumeExport(session, checkpoint, { store, parallelism: pages % 2 ? 1 : parallelism });
      assert.ok(fs.readFileSync(j.outputPath).equals(expected), `aborted after ${pages} pages, ${parallelism} at once`);
      assert.equal(done.itemsWritten, keys.length);
      const tokensSent = new Set(listRequests().map((r) => r.token));
      for (const part of listed) {
        assert.ok(tokensSent.has(part.nextToken), `part ${part.list?.params.prefix} goes on from its checkpointed token`);
      }
      assert.equal(await store.load(checkpoint.id), undefined);
      assert.equal(fs.existsSync(partsDirectory(j.outputPath)), false);
    }
  });

  it('a crash between a page and its checkpoint, and half-written bytes in the output and part files, are cut off on resume', async function () {
    const list = objects('par');
    const expected = await sequential(list, 'csv');
    const j = job(list, 'csv', 7);
    let saves = 0;
    const failing: CheckpointStore = {
      load: (id) => store.load(id), delete: (id) => store.delete(id), list: () => store.list(),
      save: async (c) => {
        if (++saves === 5) {
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        await store.save(c);
      },
    };
    await assert.rejects(startExport(session, j, { store: failing, parallelism: 4 }), /ENOSPC/);
    const checkpoint = (await store.load(checkpointId(j)))!;
    assert.ok(checkpoint.parallel);
    // What a crash while writing leaves behind: stray bytes after every checkpointed length.
    fs.appendFileSync(j.outputPath, 'half a line');
    for (const name of fs.readdirSync(partsDirectory(j.outputPath))) {
      fs.appendFileSync(path.join(partsDirectory(j.outputPath), name), '{"key":"half');
    }
    await resumeExport(session, checkpoint, { store, parallelism: 4 });
    assert.ok(fs.readFileSync(j.outputPath).equals(expected));
  });

  it('refuses to resume when a part file was changed, and keeps the checkpoint', async function () {
    const j = job(objects('par'), 'jsonl', 7);
    const checkpoint = await abortedAfter(j, 12, 4);
    const part = checkpoint.parallel!.parts.find((p) => p.byteLength > 0)!;
    const file = path.join(partsDirectory(j.outputPath), `${String(part.number).padStart(6, '0')}.part`);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('f-0', 'F-0'));
    await assert.rejects(resumeExport(session, checkpoint, { store }), { name: 'OutputChangedError' });
    assert.ok(await store.load(checkpoint.id), 'the checkpoint is kept');
  });

  it('every token of one part refused: the part goes on after its last key written, page after page, and the file equals the sequential export', async function () {
    const expected = await sequential(objects('par'), 'jsonl');
    const j = job(objects('par'), 'jsonl', 7);
    proxy.setRule((r) => (r.action === 'ListObjectsV2' && r.token !== undefined && prefixOf(r.url) === 'f-04/' ? { kind: 'refuseToken' } : undefined));
    const resumedAt: string[] = [];
    const result = await startExport(session, j, { store, parallelism: 3, onResumedAt: (after) => resumedAt.push(after) });
    const part = keys.filter((key) => key.startsWith('f-04/')).sort();
    // 40 keys in pages of 7: the tokens of pages 2 to 6 are refused, and each page is listed after the last key instead.
    assert.deepEqual(resumedAt, [6, 13, 20, 27, 34].map((i) => part[i]));
    assert.equal(result.itemsWritten, keys.length);
    assert.ok(fs.readFileSync(j.outputPath).equals(expected), 'byte for byte the sequential export');
    assert.equal(await store.load(checkpointId(j)), undefined);
  });
});
