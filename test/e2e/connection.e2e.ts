// Which account the tree shows: switching profiles from the UI, and a repository that cannot redirect requests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { extraCodeServer, harness, newWorkspace, onStop, type Harness } from './support/harness';
import { eventually, Workbench } from './support/workbench';

describe('Connection in code-server (e2e)', function () {
  let h: Harness;

  before(async function () {
    h = await harness();
  });

  it('Select Profile… from the Command Palette switches to the other account and the tree reloads', async function () {
    const server = await extraCodeServer(h, 'profile', { 'pagedAwsExplorer.profile': 'demo' });
    const wb = await Workbench.open(h.browser, server.folderUrl(newWorkspace(h, 'profile')));
    await wb.openContainer();
    await wb.expand('SNS Topics', 1);
    const before = await wb.loadedChildren('SNS Topics', 1);
    assert.equal(before[0].label, h.demo.mainData.topics[0].name);

    await wb.runCommand('Paged AWS Explorer: Select Profile…');
    await wb.waitForQuickInput('Select AWS Profile');
    const offered = await wb.quickPickLabels();
    assert.ok(offered.includes('demo') && offered.includes('demo-other'), `profiles offered: ${offered.join(', ')}`);
    await wb.pick(/^demo-other/);

    const other = h.demo.otherData.topics.map((t) => t.name);
    await eventually(async () => {
      await wb.expand('SNS Topics', 1);
      const rows = await wb.loadedChildren('SNS Topics', 1);
      assert.deepEqual(rows.map((r) => r.label), other);
    }, 60_000, 'the tree to show the demo-other topics');
    await eventually(async () => {
      assert.match(await wb.page.locator('.part.statusbar').innerText(), /demo-other/);
    }, 10_000, 'the status bar to name the profile');
  });

  it('Add Connection… shows a second account beside the first, each with its own lists; Remove Connection takes it away', async function () {
    const server = await extraCodeServer(h, 'two-connections', { 'pagedAwsExplorer.profile': 'demo' });
    const wb = await Workbench.open(h.browser, server.folderUrl(newWorkspace(h, 'two-connections')));
    await wb.openContainer();
    await wb.waitForRow('SNS Topics', 60_000, 1);

    await wb.runCommand('Paged AWS Explorer: Add Connection…');
    await wb.waitForQuickInput('Add Connection');
    await wb.pick(/^demo-other/);
    // The three steps share their title: each is waited for by what it shows, or a key could reach the step before.
    const widget = wb.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-list .monaco-list-row', { hasText: /AWS_REGION, else AWS_DEFAULT_REGION/ }).first().waitFor({ timeout: 15_000 });
    await wb.quickInputBox().fill('us-east-1');
    await wb.pick(/^us-east-1/);
    await widget.getByText(/A custom endpoint/).waitFor({ timeout: 15_000 });
    await wb.answerInput('');

    // One node per connection (`profile · region · the custom endpoint's host`), each with its own lists: the same
    // list under two accounts never mixes.
    const main = `demo · us-east-1 · ${new URL(h.demo.main.endpoint).host}`;
    const other = `demo-other · us-east-1 · ${new URL(h.demo.other.endpoint).host}`;
    await wb.waitForRow(main, 60_000, 1);
    await wb.waitForRow(other, 60_000, 1);
    await wb.collapse(other, 1);
    await wb.expand('SNS Topics', 2);
    const mine = await wb.loadedChildren('SNS Topics', 2);
    assert.equal(mine[0].label, h.demo.mainData.topics[0].name);
    assert.equal(mine.length, 101, 'a page of 100 and Load more…');
    await wb.collapse(main, 1);
    await wb.expand(other, 1);
    await wb.expand('SNS Topics', 2);
    const theirs = await wb.loadedChildren('SNS Topics', 2);
    assert.deepEqual(theirs.map((r) => r.label), h.demo.otherData.topics.map((t) => t.name));
    await eventually(async () => assert.match(await wb.page.locator('.part.statusbar').innerText(), /demo · us-east-1 · custom endpoint \+1/), 10_000, 'the status bar counts the connections');

    // A connection whose endpoint cannot be reached fails under its own node, with Retry; the others keep working.
    await wb.collapse(other, 1);
    await wb.runCommand('Paged AWS Explorer: Add Connection…');
    await wb.waitForQuickInput('Add Connection');
    await wb.pickExact('demo');
    await wb.waitForQuickInput('Add Connection');
    await wb.quickInputBox().fill('us-east-1');
    await wb.pick(/^us-east-1/);
    await wb.answerInput('http://127.0.0.1:9');
    const broken = 'demo · us-east-1 · 127.0.0.1:9';
    await wb.waitForRow(broken, 60_000, 1);
    await wb.expand('SNS Topics', 2);
    const failed = await wb.loadedChildren('SNS Topics', 2);
    assert.equal(failed.length, 1);
    assert.match(failed[0].label, /Cannot reach the endpoint/);
    assert.equal(failed[0].description, 'click to retry');
    await wb.collapse(broken, 1);
    await wb.expand(other, 1);
    await wb.expand('S3 Buckets', 2);
    const buckets = await wb.loadedChildren('S3 Buckets', 2);
    assert.equal(buckets[0].label, h.demo.otherData.buckets[0].name, 'the other connection still lists its buckets');
    await wb.contextMenu(broken, 'Remove Connection', 1);

    await wb.contextMenu(other, 'Remove Connection', 1);
    await eventually(async () => {
      const top = (await wb.renderedRows()).filter((r) => r.level === 1).map((r) => r.label);
      assert.ok(top.includes('SNS Topics') && !top.some((label) => label.startsWith('demo-other')), `top: ${top.join(', ')}`);
    }, 30_000, 'one connection again, its lists at the top');
  });

  it('a profile without credentials shows the welcome view; its Select Profile… button leads back to a working tree', async function () {
    // The demo config plus a profile that has a region and an endpoint but no keys anywhere.
    const config = path.join(h.tmp, 'aws-welcome-config');
    fs.writeFileSync(config, `${fs.readFileSync(h.awsEnv.AWS_CONFIG_FILE, 'utf8')}\n[profile no-keys]\nregion = us-east-1\nendpoint_url = ${h.demo.main.endpoint}\n`);
    const server = await extraCodeServer(h, 'welcome', { 'pagedAwsExplorer.profile': 'no-keys' }, { AWS_CONFIG_FILE: config });
    const wb = await Workbench.open(h.browser, server.folderUrl(newWorkspace(h, 'welcome')));
    await wb.openContainer();
    const welcome = wb.sidebar.locator('.welcome-view-content');
    await welcome.filter({ hasText: 'No AWS credentials were found for the selected profile.' }).waitFor({ timeout: 60_000 });
    assert.ok(await welcome.locator('a', { hasText: 'Configure Credentials (AWS docs)' }).isVisible(), 'a link to the AWS docs');

    await welcome.locator('a', { hasText: 'Select Profile…' }).click();
    await wb.waitForQuickInput('Select AWS Profile');
    await wb.pick(/^demo$/);
    await wb.expand('SNS Topics', 1);
    const rows = await wb.loadedChildren('SNS Topics', 1);
    assert.equal(rows[0].label, h.demo.mainData.topics[0].name, 'the tree lists the chosen profile\'s topics');
    assert.equal(await welcome.count(), 0, 'the welcome view is gone');
  });

  it('Restricted Mode: a folder\'s .vscode/settings.json cannot send requests to another endpoint', async function () {
    // Another loopback address, so the listener is plainly not the emulator.
    const received: string[] = [];
    const listener = http.createServer((req, res) => {
      received.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.2', resolve);
    });
    onStop(() => new Promise((resolve) => listener.close(resolve)));
    const { port } = listener.address() as import('node:net').AddressInfo;

    const folder = newWorkspace(h, 'untrusted-repo');
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({
      'pagedAwsExplorer.endpointUrl': `http://127.0.0.2:${port}`,
      'pagedAwsExplorer.profile': 'demo-other',
      'pagedAwsExplorer.region': 'eu-west-1',
    }, null, 2));

    const server = await extraCodeServer(h, 'restricted', {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
    });
    const wb = await Workbench.open(h.browser, server.folderUrl(folder));
    await wb.page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
    await wb.openContainer();
    await wb.expand('SNS Topics', 1);
    const rows = await wb.loadedChildren('SNS Topics', 1);
    // The user's own settings apply: profile demo, its endpoint.
    assert.deepEqual(rows.slice(0, 3).map((r) => r.label), h.demo.mainData.topics.slice(0, 3).map((t) => t.name));
    await wb.expand('S3 Buckets', 1);
    await wb.loadedChildren('S3 Buckets', 1);
    assert.deepEqual(received, []);
  });
});
