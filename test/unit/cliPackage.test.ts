// `npm run package:cli` as a user installs it: the tarball into a prefix of its own (no clone, no node_modules), run
// with the machine's Node (20 here), quiet, against the emulator.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { packageCli } from '../../scripts/package-cli';
import { runProcess } from '../support/cli';
import { createTopics, numberedNames, useEmulator } from '../support/emulator';

describe('the paged-aws-export package, installed globally from its tarball', function () {
  let prefix: string;
  let tarball: string;
  const env = useEmulator(async (seed) => {
    await createTopics(seed, numberedNames('pkg-topic', 150));
  });

  before(function () {
    prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-cli-prefix-'));
    tarball = packageCli();
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { stdio: 'pipe' });
  });
  after(function () {
    fs.rmSync(prefix, { recursive: true, force: true });
    fs.rmSync(tarball, { force: true });
  });

  /** The machine's own Node, not the Node 24 of devDependencies that npm scripts put first on PATH. */
  const machineNode = ['/usr/local/bin/node', '/usr/bin/node'].find((file) => fs.existsSync(file)) ?? 'node';

  it('is a package named paged-aws-export with no dependencies and engines.node, and installs as a command', function () {
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(manifest.name, 'paged-aws-export');
    assert.equal(manifest.dependencies, undefined);
    assert.equal((manifest.engines as { node: string }).node, '>=20');
    assert.ok(fs.existsSync(path.join(prefix, 'bin', 'paged-aws-export')));
  });

  it(`prints its version and exports from the emulator with the machine's Node, nothing else on standard error`, async function () {
    const bin = path.join(prefix, 'bin', 'paged-aws-export');
    const pathEnv = `${path.dirname(machineNode)}:${process.env.PATH}`;
    const version = await runProcess(machineNode, [bin, '--version'], { env: { ...process.env, PATH: pathEnv } });
    assert.equal(version.code, 0, version.stderr);
    assert.match(version.stdout, /^paged-aws-export \d+\.\d+\.\d+\n$/);
    assert.equal(version.stderr, '');
    const exported = await runProcess(machineNode, [bin, 'sns:topics', '--out', '-', '--endpoint-url', env.proxy.endpoint, '--region', 'us-east-1'], {
      env: { ...process.env, PATH: pathEnv, XDG_STATE_HOME: prefix },
    });
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout.trim().split('\n').length, 150);
    assert.deepEqual(exported.stderr.trim().split('\n'), [
      'Writing to standard output without a checkpoint: an interrupted export starts over. Use --out FILE to resume one.',
      'Exported 150 topics.',
    ], `no warning: ${exported.stderr}`);
  });
});
