// `npm run test:vscode`: the in-extension-host suite (test/vscode/suite) in VS Code desktop through
// @vscode/test-electron, which downloads VS Code into .vscode-test/. Where that download is impossible (no access to
// update.code.visualstudio.com), it stops with the reason and the alternative; it never passes silently.
// `npm run test:e2e` runs the same suite inside code-server's extension host.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheRoot, repoRoot } from './lib/paths';
import { buildVscodeSuite } from './lib/vscodeSuite';

async function main(): Promise<number> {
  const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');
  console.log('Building the extension and the in-extension-host suite…');
  const { spawnSync } = await import('node:child_process');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) {
    return 1;
  }
  const suite = await buildVscodeSuite();

  let vscodeExecutablePath: string;
  try {
    console.log('Downloading VS Code (stable) into .vscode-test/ unless it is there already…');
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: 'stable', cachePath: cacheRoot, timeout: 60_000 });
  } catch (error) {
    console.error([
      '',
      'test:vscode did NOT run: @vscode/test-electron could not download VS Code.',
      `Reason: ${error instanceof Error ? error.message : String(error)}`,
      'This machine probably cannot reach update.code.visualstudio.com. The same suite runs inside code-server',
      '(VS Code served from npm) as part of "npm run test:e2e" ("In-extension-host suite in code-server").',
      '',
    ].join('\n'));
    return 2;
  }

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-vscode-test-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
    });
    return 0;
  } catch (error) {
    console.error(`In-extension-host tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
