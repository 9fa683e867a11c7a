// The in-extension-host suite (test/vscode/suite) run inside code-server's real extension host by the test-only
// runner extension, against the installed production VSIX and the demo emulator. Each of its tests is reported here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installExtension } from '../../scripts/lib/codeServer';
import { buildRunnerVsix, buildVscodeSuite } from '../../scripts/lib/vscodeSuite';
import type { SuiteResults } from '../vscode/suite/index';
import { extraCodeServer, harness, newWorkspace } from './support/harness';
import { eventually, Workbench } from './support/workbench';

describe('In-extension-host suite in code-server (e2e)', function () {
  it('runs test/vscode/suite inside the real extension host and every test passes', async function () {
    const h = await harness();
    const suite = await buildVscodeSuite();
    const runner = await buildRunnerVsix();
    const resultsFile = path.join(h.tmp, 'vscode-suite-results.json');
    const server = await extraCodeServer(h, 'in-host', {}, {
      PAGED_AWS_VSCODE_SUITE: suite,
      PAGED_AWS_VSCODE_RESULTS: resultsFile,
    }, (profile, entry) => installExtension(entry, profile, runner));
    // The extension host starts once a window opens; the suite runs when the workbench has started.
    await Workbench.open(h.browser, server.folderUrl(newWorkspace(h, 'in-host')), { clipboard: true });
    const results = await eventually(async () => JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults, 120_000, 'the suite results');
    for (const test of results.tests) {
      console.log(`      ${test.state === 'passed' ? '✔' : test.state === 'failed' ? '✗' : '-'} [in host, VS Code ${results.vscodeVersion}, Node ${results.nodeVersion}] ${test.title}`);
    }
    assert.equal(results.error, undefined, results.error);
    assert.deepEqual(results.tests.filter((t) => t.state !== 'passed').map((t) => `${t.title}: ${t.error ?? t.state}`), []);
    assert.ok(results.tests.length >= 4, `only ${results.tests.length} tests ran`);
  });
});
