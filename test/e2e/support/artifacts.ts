// What a failed e2e test leaves behind in test-results/: a screenshot of the workbench and the extension's log.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../scripts/lib/paths';
import { currentWorkbench } from './workbench';

export const resultsDir = path.join(repoRoot, 'test-results');

/** Log folders of the code-server profiles the tests created. */
const logRoots = new Set<string>();
export function collectLogsFrom(userDataDir: string): void {
  logRoots.add(path.join(userDataDir, 'logs'));
}

function safeName(title: string): string {
  return title.replace(/[^\w.-]+/g, '_').slice(0, 120);
}

function findFiles(dir: string, match: (file: string) => boolean, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      findFiles(full, match, out);
    } else if (match(full)) {
      out.push(full);
    }
  }
  return out;
}

/** Copies the extension's own log (its LogOutputChannel) and the extension host logs of every profile. */
export function saveLogs(target: string): string[] {
  const saved: string[] = [];
  for (const root of logRoots) {
    const files = findFiles(root, (f) => f.includes('paged-aws-explorer') || /exthost\d*\.log$|remoteexthost\.log$/.test(f));
    for (const file of files) {
      const name = path.relative(root, file).replace(/[\\/]/g, '__');
      fs.copyFileSync(file, path.join(target, name));
      saved.push(name);
    }
  }
  return saved;
}

export async function saveFailure(title: string): Promise<void> {
  const dir = path.join(resultsDir, safeName(title));
  fs.mkdirSync(dir, { recursive: true });
  const workbench = currentWorkbench();
  if (workbench) {
    await workbench.screenshot(path.join(dir, 'screenshot.png')).catch((e: unknown) => console.error('screenshot failed:', e));
  }
  const logs = saveLogs(dir);
  console.log(`      failure artefacts: ${path.relative(process.cwd(), dir)}/ (${workbench ? 'screenshot, ' : ''}${logs.length} log files)`);
}

/**
 * A picture for the README, taken the way a user sees the workbench: written to test-results/, and over docs/<name>
 * only with E2E_UPDATE_SCREENSHOTS=1, so that a test run leaves the working tree clean.
 */
export async function docsScreenshot(page: import('playwright-core').Page, name: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  const file = path.join(resultsDir, name);
  fs.mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: file, clip });
  if (process.env.E2E_UPDATE_SCREENSHOTS === '1') {
    fs.copyFileSync(file, path.join(repoRoot, 'docs', name));
  }
}
