// Every list kind, of something that does not exist (a bucket, topic, queue, table, log group, stream, event, view),
// or, for a top-level list with nothing to miss, denied: the tree and the CLI say so in words, with no stack trace,
// nothing left loading and no file written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAddress } from '../../src/core/services/registry';
import { emptyLabel, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { testSession } from '../support/emulator';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { builtCli, cliEnv, hasStackTrace, nodeBinary, parseExport, runProcess, tempDir } from './support/fixture';
import { isListOf, kindIt, registryKinds, seededWorld } from './support/kinds';

describe('a missing resource, or a listing denied: a clear message for every list kind', function () {
  let proxy: FaultProxy;
  let dir: string;

  before(async function () {
    proxy = await startFaultProxy((await seededWorld()).emulator.endpoint);
    dir = tempDir('missing');
  });

  after(async function () {
    await proxy?.stop();
  });

  for (const kind of registryKinds) {
    kindIt(kind, 'missing', 'something that does not exist (or, with nothing to miss, access denied): a clear message in the tree and the CLI', async (row) => {
      const { what, expect } = row.missing;
      const address = row.missing.address ?? row.address;
      const list = parseAddress(address);
      const isList = isListOf(row);
      const from = proxy.log.length;
      proxy.setRule(row.missing.address ? undefined : (request) => (isList(request) ? { kind: 'accessDenied' } : undefined));
      const session = testSession(proxy.endpoint, { maxAttempts: 2 });
      const model = new TreeModel({ clients: async () => session, pageSize: () => row.pageSize });
      const out = `${kind}.jsonl`;
      let cli;
      try {
        await model.ensureLoaded(list);
        cli = await runProcess(nodeBinary, [await builtCli(), address, '--out', out, '--page-size', String(row.pageSize), '--state-dir', `state-${kind}`], {
          cwd: dir, env: cliEnv(proxy, { AWS_MAX_ATTEMPTS: '2' }),
        });
      } finally {
        proxy.setRule(undefined);
        session.dispose();
      }
      const snapshot = model.snapshot(list);
      assert.equal(snapshot.loading, false, 'not stuck in "loading"');
      assert.ok(!hasStackTrace(cli.stderr), cli.stderr);
      const [first] = rowsOf(snapshot);
      if (row.noRequests) {
        assert.equal(cli.code, 0, cli.stderr);
        assert.equal(proxy.log.length, from, 'no request');
        return { cell: 'n/a: nothing to miss', tried: what, times: 0, crashes: 0, outcome: `no request: ${row.noRequests}` };
      }
      if (expect === 'empty') {
        // The API answers an empty list: the tree says what the kind says of one, the CLI writes an empty file.
        assert.equal(snapshot.failure, undefined);
        assert.ok(snapshot.complete && snapshot.items.length === 0);
        assert.equal(first?.type, 'empty');
        assert.equal(cli.code, 0, cli.stderr);
        assert.deepEqual(parseExport(fs.readFileSync(path.join(dir, out), 'utf8'), 'jsonl'), []);
        const shown = `"${emptyLabel(list)}"${snapshot.note ? ` (the node's note: "${snapshot.note}")` : ''}`;
        return { cell: `empty list: ${shown}`, tried: what, times: 2, crashes: 0, outcome: `tree: ${shown}, nothing loading; CLI: exit 0, an empty file` };
      }
      const problem = snapshot.failure?.problem;
      assert.equal(problem?.kind, expect, problem?.message);
      assert.equal(first?.type, expect === 'unavailable' ? 'notice' : 'failure');
      assert.ok(!hasStackTrace(problem.message), problem.message);
      assert.equal(cli.code, 1, cli.stderr);
      assert.match(cli.stderr, /^paged-aws-export: \S/);
      assert.ok(!fs.existsSync(path.join(dir, out)), 'no file was created');
      assert.deepEqual(fs.existsSync(path.join(dir, `state-${kind}`, 'exports')) ? fs.readdirSync(path.join(dir, `state-${kind}`, 'exports')) : [], [], 'no checkpoint');
      return {
        cell: `${expect}: "${problem.message.length > 60 ? `${problem.message.slice(0, 57)}…` : problem.message}"`, tried: what, times: 2, crashes: 0,
        outcome: `tree: "${problem.message}" [${problem.kind}], nothing loading; CLI: exit 1, "${cli.stderr.trim().replace(/^paged-aws-export: /, '')}", no file`,
      };
    });
  }
});
