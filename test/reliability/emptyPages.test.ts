// Paging rules every list kind follows: a page may be empty and still carry a token (paging goes on), and a token
// the service hands back as it was sent is a loop, stopped with an error instead of looping forever.
import * as assert from 'node:assert/strict';
import { checkpointId } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { resumeExport } from '../../src/core/export/exporter';
import { testSession } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { bytesOf, exportThrough, idsIn } from './support/exports';
import { compareKeys, tempDir } from './support/fixture';
import { isListOf, kindIt, listOf, registryKinds, rowOf, seededWorld } from './support/kinds';
import { record } from './support/results';

/** Which requests that carry a token get an empty page instead: two in the middle of a listing of 10 to 20 pages. */
const EMPTY_AT = [2, 4];

describe('empty pages that still carry a token, and a token handed back as it was sent', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    proxy = await startFaultProxy((await seededWorld()).emulator.endpoint);
    dir = tempDir('empty-pages');
  });

  after(async function () {
    await proxy?.stop();
  });

  for (const kind of registryKinds) {
    kindIt(kind, 'emptyPage', 'empty pages with a token in the middle of the listing: the export goes on, byte for byte the undisturbed file', async (row, world) => {
      const list = listOf(row);
      const isList = isListOf(row);
      const clean = await exportThrough(proxy, dir, `${kind}-clean.jsonl`, list, row.pageSize, isList);
      assert.equal(clean.error, undefined, String(clean.error));
      let withToken = 0;
      const run = await exportThrough(proxy, dir, `${kind}-empty-pages.jsonl`, list, row.pageSize, isList, {
        rule: (request) => (isList(request) && request.token !== undefined && EMPTY_AT.includes(++withToken) ? { kind: 'emptyPage' } : undefined),
      });
      assert.equal(run.error, undefined, String(run.error));
      const comparison = compareKeys(idsIn(run.job.outputPath, row.idOf), row.expected(world));
      assert.deepEqual(comparison, { lost: 0, duplicated: 0, unexpected: 0 });
      assert.ok(bytesOf(run).equals(bytesOf(clean)), 'byte for byte the export without empty pages');
      if (row.noRequests) {
        return { cell: 'n/a: no request', tried: 'empty pages', times: 0, crashes: 0, outcome: `complete without a request: ${row.noRequests}` };
      }
      if (row.noToken) {
        assert.equal(run.requests.filter((r) => r.token !== undefined).length, 0, 'no request carried a token');
        return { cell: 'n/a: no token', tried: 'empty pages', times: 0, crashes: 0, outcome: `no request carries a token: ${row.noToken}` };
      }
      const empties = run.requests.filter((r) => r.faults.includes('emptyPage')).length;
      assert.equal(empties, EMPTY_AT.length, 'the empty pages were answered');
      return {
        cell: `0 lost, 0 duplicated; ${empties} empty pages followed`,
        tried: `${row.expected(world).length.toLocaleString('en-US')} items, page size ${row.pageSize}; requests ${EMPTY_AT.join(' and ')} with a token answered by an empty page handing on a token`,
        times: empties, lost: comparison.lost, duplicated: comparison.duplicated, crashes: 0,
        outcome: `complete in ${run.requests.length} requests; the empty pages were followed; equals the ground truth and the undisturbed export byte for byte`,
      };
    });
  }

  it('the service returns the token it was sent (a paging loop): the export stops saying so, and resumes from the checkpoint before it', async function () {
    const world = await seededWorld();
    const row = rowOf('s3.objects');
    let tokens = 0;
    const looped = await exportThrough(proxy, dir, 'repeated.jsonl', listOf(row), row.pageSize, isListOf(row), {
      rule: (request) => (request.action === 'ListObjectsV2' && request.token && ++tokens === 2 ? { kind: 'repeatToken' } : undefined),
    });
    const problem = describeExportProblem(looped.error, { checkpoint: looped.kept });
    assert.equal(problem.kind, 'repeatedToken');
    assert.ok(looped.kept, 'the checkpoint before the loop is kept');
    const session = testSession(proxy.endpoint);
    try {
      await resumeExport(session, looped.kept, { store: looped.store });
    } finally {
      session.dispose();
    }
    assert.equal(await looped.store.load(checkpointId(looped.job)), undefined);
    assert.deepEqual(compareKeys(idsIn(looped.job.outputPath, row.idOf), row.expected(world)), { lost: 0, duplicated: 0, unexpected: 0 });
    record({ area: 'Faults', tried: 'Export: the service returns the token it was sent (a paging loop)', times: 1, crashes: 0, outcome: `${problem.message} → resumed from the checkpoint, every key once` });
  });
});
