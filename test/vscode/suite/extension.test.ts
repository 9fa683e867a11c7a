// Runs inside a real extension host (code-server here, VS Code desktop under @vscode/test-electron), against the
// installed extension, with the real `vscode` API. The data comes from the seeded demo emulator when the harness
// runs it; the tests that need none say so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'paged-aws-explorer.paged-aws-explorer';
const SECTION = 'pagedAwsExplorer';

describe('Paged AWS Explorer inside the extension host', function () {
  let extension: vscode.Extension<unknown>;

  before(async function () {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this extension host`);
    extension = found;
    await extension.activate();
  });

  it('activates and registers every command its package.json declares', async function () {
    assert.equal(extension.isActive, true);
    const declared = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    assert.ok(declared.length > 10, `only ${declared.length} commands declared`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(declared.filter((command) => !registered.has(command)), []);
  });

  it('Go to… selects the location in the Resources view, and Ctrl+C (Copy) copies its first identifier, the S3 URI', async function () {
    // No request is needed to show a location: the command pins it and the view reveals and selects it.
    await vscode.commands.executeCommand('workbench.view.extension.pagedAwsExplorer');
    await vscode.commands.executeCommand('pagedAwsExplorer.goTo', 's3://demo-archive/reports/2024/');
    assert.equal(await copiedSelection('s3://demo-archive/reports/2024/'), 's3://demo-archive/reports/2024/');

    await vscode.commands.executeCommand('pagedAwsExplorer.goTo', 's3://demo-odd-keys/');
    assert.equal(await copiedSelection('s3://demo-odd-keys/'), 's3://demo-odd-keys/');
  });

  it('a workspace cannot set the profile, region, endpoint or connections: VS Code refuses to write them to workspace settings', async function () {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'this test needs a folder open');
    const config = vscode.workspace.getConfiguration(SECTION);
    for (const name of ['profile', 'region', 'endpointUrl', 'connections']) {
      const value = name === 'connections' ? [{ profile: 'demo', endpointUrl: 'http://127.0.0.2:9' }] : 'http://127.0.0.2:9';
      await assert.rejects(
        Promise.resolve(config.update(name, value, vscode.ConfigurationTarget.Workspace)),
        (error: Error) => /user settings|machine|workspace/i.test(error.message),
        `${name} was written to the workspace settings`,
      );
      assert.equal(vscode.workspace.getConfiguration(SECTION).inspect(name)?.workspaceValue, undefined);
    }
  });

  it('page size and retry settings are read with their documented defaults', function () {
    const config = vscode.workspace.getConfiguration(SECTION);
    assert.equal(config.inspect<number>('pageSize')?.defaultValue, 100);
    assert.equal(config.inspect<string>('retryMode')?.defaultValue, 'standard');
    assert.equal(config.inspect<number>('maxAttempts')?.defaultValue, 3);
  });
});

/**
 * Copy on the view's selection until the clipboard holds `expected` (at most 10 s): the view tells the extension host
 * what it selected after the reveal has resolved, later on a busy machine.
 */
async function copiedSelection(expected: string): Promise<string> {
  let text = '';
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('pagedAwsExplorer.copySelection');
    text = await vscode.env.clipboard.readText();
    if (text === expected) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return text;
}
