// Entry of the in-extension-host suite. `run()` is what @vscode/test-electron calls (extensionTestsPath);
// `runWithResults()` is what the test-only runner extension calls inside code-server.
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestOutcome {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs?: number;
  readonly error?: string;
}

export interface SuiteResults {
  readonly tests: TestOutcome[];
  /** Set when the suite could not run at all. */
  readonly error?: string;
  readonly vscodeVersion?: string;
  readonly nodeVersion?: string;
}

/** The compiled test files next to this one (esbuild writes them as *.test.js). */
const testFiles = ['extension.test.js'];

export async function runWithResults(): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of testFiles) {
    mocha.addFile(path.join(__dirname, file));
  }
  const tests: TestOutcome[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) => tests.push({ title: test.fullTitle(), state: 'failed', error: `${error.message}\n${error.stack ?? ''}` }));
    runner.on('pending', (test) => tests.push({ title: test.fullTitle(), state: 'pending' }));
  });
  const vscode = await import('vscode');
  return { tests, vscodeVersion: vscode.version, nodeVersion: process.version };
}

/** For @vscode/test-electron: rejects when a test failed. */
export async function run(): Promise<void> {
  const results = await runWithResults();
  const failed = results.tests.filter((t) => t.state === 'failed');
  if (failed.length || results.tests.length === 0) {
    throw new Error(`${failed.length} of ${results.tests.length} in-extension-host tests failed:\n${failed.map((t) => `${t.title}: ${t.error}`).join('\n')}`);
  }
}
