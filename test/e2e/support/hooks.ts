// Mocha root hooks of the e2e run: on each failure, a screenshot of the workbench and the extension's log go to
// test-results/; each test's browser window is closed after it; at the end everything the harness started stops.
import type { Context } from 'mocha';
import { saveFailure } from './artifacts';
import { harness, stopHarness } from './harness';
import { currentWorkbench } from './workbench';

export const mochaHooks = {
  /** Starts the shared pieces once; the first run installs code-server (minutes), so this hook has its own limit. */
  async beforeAll(this: Context): Promise<void> {
    this.timeout(15 * 60_000);
    await harness();
  },
  async afterEach(this: Context): Promise<void> {
    try {
      if (this.currentTest?.state === 'failed') {
        await saveFailure(this.currentTest.fullTitle());
      }
    } finally {
      await currentWorkbench()?.close();
    }
  },
  async afterAll(): Promise<void> {
    await stopHarness();
  },
};
