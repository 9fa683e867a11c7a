import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointId, type Checkpoint, type ExportJob } from '../../src/core/export/checkpoint';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { ago, checkpointTitle, countOf, resumeLabel } from '../../src/core/export/messages';

const job: ExportJob = {
  target: { profile: 'dev', profileExplicit: true, region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:4566' },
  list: { kind: 's3.objects', params: { bucket: 'b', prefix: 'p/', delimiter: '' } },
  pageSize: 1000,
  outputPath: path.join(os.tmpdir(), 'out.jsonl'),
  format: 'jsonl',
};

function checkpointOf(j: ExportJob, updatedAt = '2026-11-23T10:00:00.000Z', items = 1200): Checkpoint {
  return {
    version: 1, id: checkpointId(j), job: j, nextToken: 'token-2', itemsWritten: items, pagesWritten: 2, byteLength: 4096,
    sha256: 'a'.repeat(64), startedAt: '2026-11-23T09:55:00.000Z', updatedAt,
  };
}

describe('checkpoint store and ids', function () {
  let dir: string;
  let store: FileCheckpointStore;

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-checkpoint-test-'));
    store = new FileCheckpointStore(path.join(dir, 'exports'));
  });

  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('derives one id per list, place and file; page size and format do not change it', function () {
    const id = checkpointId(job);
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(checkpointId({ ...job, pageSize: 7, format: 'csv' } as ExportJob), id);
    const others = [
      { ...job, target: { ...job.target, profile: 'prod' } },
      { ...job, target: { ...job.target, region: 'us-east-1' } },
      { ...job, target: { ...job.target, endpointUrl: undefined } },
      { ...job, list: { ...job.list, params: { ...job.list.params, delimiter: '/' } } },
      { ...job, list: { ...job.list, params: { ...job.list.params, prefix: 'q/' } } },
      { ...job, outputPath: `${job.outputPath}.2` },
    ];
    assert.equal(new Set([id, ...others.map(checkpointId)]).size, others.length + 1);
    // Parameter order does not matter, values do.
    assert.equal(checkpointId({ ...job, list: { kind: 's3.objects', params: { delimiter: '', prefix: 'p/', bucket: 'b' } } }), id);
  });

  it('saves atomically (no temporary file left, owner-only), loads back, lists newest first, deletes', async function () {
    const older = checkpointOf(job, '2026-11-23T10:00:00.000Z');
    const other = { ...job, outputPath: path.join(os.tmpdir(), 'other.csv'), format: 'csv' as const };
    const newer = checkpointOf(other, '2026-11-23T11:00:00.000Z');
    await store.save(older);
    await store.save(newer);
    await store.save({ ...older, itemsWritten: 1300 });
    assert.deepEqual(fs.readdirSync(store.directory).sort(), [`${older.id}.json`, `${newer.id}.json`].sort());
    assert.equal(fs.statSync(path.join(store.directory, `${older.id}.json`)).mode & 0o777, 0o600);
    assert.deepEqual(await store.load(older.id), { ...older, itemsWritten: 1300 });
    assert.deepEqual((await store.list()).map((c) => c.id), [newer.id, older.id]);
    await store.delete(older.id);
    assert.equal(await store.load(older.id), undefined);
    assert.deepEqual((await store.list()).map((c) => c.id), [newer.id]);
  });

  it('ignores damaged, foreign and stray files instead of resuming from them', async function () {
    const good = checkpointOf(job);
    await store.save(good);
    const other = { ...job, outputPath: path.join(os.tmpdir(), 'elsewhere.jsonl') };
    fs.writeFileSync(path.join(store.directory, `${checkpointId(other)}.json`), fs.readFileSync(path.join(store.directory, `${good.id}.json`)));
    fs.writeFileSync(path.join(store.directory, `${'b'.repeat(32)}.json`), '{"version":1,"id":');
    fs.writeFileSync(path.join(store.directory, 'notes.txt'), 'hello');
    fs.writeFileSync(path.join(store.directory, `${good.id}.json.123.abcd.tmp`), 'half');
    assert.equal(await store.load(checkpointId(other)), undefined, 'a checkpoint copied under another id');
    assert.equal(await store.load('b'.repeat(32)), undefined, 'a half-written file');
    assert.equal(await store.load('../../etc/passwd'), undefined, 'ids are never paths');
    assert.deepEqual((await store.list()).map((c) => c.id), [good.id]);
  });

  it('refuses to save a checkpoint under an id its export does not give', async function () {
    await assert.rejects(store.save({ ...checkpointOf(job), id: 'c'.repeat(32) }), /does not match/);
    assert.deepEqual(await store.list(), []);
  });

  it('lists nothing when the directory does not exist yet', async function () {
    assert.deepEqual(await store.list(), []);
    assert.equal(await store.load(checkpointId(job)), undefined);
  });

  it('words the resume choice and the unfinished export for people', function () {
    const now = new Date('2026-11-23T10:05:30.000Z');
    assert.equal(resumeLabel(checkpointOf(job), now), 'Resume (1,200 items written, 5 minutes ago)');
    assert.equal(ago('2026-11-23T10:05:00.000Z', now), 'just now');
    assert.equal(ago('2026-11-23T09:04:00.000Z', now), '1 hour ago');
    assert.equal(ago('2026-11-20T10:00:00.000Z', now), '3 days ago');
    assert.equal(checkpointTitle(checkpointOf(job)), 's3://b/p/ → out.jsonl');
    assert.equal(countOf(job.list, 1), '1 object');
    assert.equal(countOf({ kind: 'sns.topics', params: {} }, 12345), '12,345 topics');
  });
});
