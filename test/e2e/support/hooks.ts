// Mocha root hooks of the e2e run: on each failure, a screenshot of the workbench and the extension's log go to
// test-results/; each test's browser window is closed after it; at the end everything the harness started stops.
import type { Context } from 'mocha';
import { saveFailure } from './artifacts';
import { stopHarness } from './harness';
import { currentWorkbench } from './workbench';

export const mochaHooks = {
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
