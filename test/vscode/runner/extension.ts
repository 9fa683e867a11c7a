// A test-only extension: when PAGED_AWS_VSCODE_SUITE names a compiled suite (test/vscode/suite/index.ts), it runs
// it inside this real extension host once the workbench has started, and writes the outcome to
// PAGED_AWS_VSCODE_RESULTS for the harness (test/e2e/extensionHost.e2e.ts) to read. Without the variables it
// does nothing. It exists because @vscode/test-electron cannot download VS Code everywhere; code-server can run.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import type { SuiteResults } from '../suite/index';

export async function activate(): Promise<void> {
  const suite = process.env.PAGED_AWS_VSCODE_SUITE;
  const resultsFile = process.env.PAGED_AWS_VSCODE_RESULTS;
  if (!suite || !resultsFile) {
    return;
  }
  let results: SuiteResults;
  try {
    // The suite is a separate bundle on disk, loaded at run time (with require, as the extension host loads
    // extensions, so its `require('vscode')` is answered): this extension knows only its path.
    const loaded = createRequire(__filename)(suite) as { runWithResults(): Promise<SuiteResults> };
    results = await loaded.runWithResults();
  } catch (error) {
    results = { tests: [], error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  // Written whole and renamed, so the harness never reads half a file.
  fs.writeFileSync(`${resultsFile}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${resultsFile}.tmp`, resultsFile);
}

export function deactivate(): void {}
