import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { extensionVsix, repoRoot } from './paths';
import { npmEnv } from './node24';

/** Builds the production VSIX with `npm run package` (esbuild bundle, vsce), as a user would install it. */
export function buildVsix(): string {
  console.log('Building the production VSIX (npm run package)…');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, encoding: 'utf8', env: npmEnv() });
  if (result.status !== 0 || !fs.existsSync(extensionVsix)) {
    throw new Error(`"npm run package" failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const size = fs.statSync(extensionVsix).size;
  console.log(`Built ${extensionVsix} (${(size / 1024).toFixed(1)} KB).`);
  return extensionVsix;
}
