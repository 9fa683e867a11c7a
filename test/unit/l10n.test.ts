// The UI is translatable: every string the code shows goes through l10n.t (VS Code's, or @vscode/l10n in the core,
// which the extension feeds VS Code's bundle), the bundle of them is up to date, and the manifest's strings are in
// package.nls.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { type Checkpoint } from '../../src/core/export/checkpoint';
import { describeExportProblem } from '../../src/core/export/errors';
import { formatCount, formatNumbersFor } from '../../src/core/numbers';
import { AbortError } from '../../src/core/paging/errors';
import { describeProblem } from '../../src/core/problems/problem';
import { runProcess, root } from '../support/cli';

describe('localization', function () {
  afterEach(function () {
    l10n.config({ contents: {} });
    formatNumbersFor(undefined);
  });

  it('l10n/bundle.l10n.json holds every string the code passes to l10n.t (npm run l10n writes it)', async function () {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-l10n-'));
    try {
      const run = await runProcess(path.join(root, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', out, path.join(root, 'src')]);
      assert.equal(run.code, 0, run.stderr);
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort(), 'run npm run l10n');
      assert.ok(Object.keys(fresh).length > 150);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('every string of the manifest is a %key% of package.nls.json', function () {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);
    assert.ok(keys.length > 50);
    assert.deepEqual(keys.filter((key) => !(key in nls)), []);
    const parsed = JSON.parse(manifest) as { contributes: { commands: { title: string }[]; configuration: { properties: Record<string, { markdownDescription?: string }> } } };
    assert.deepEqual(parsed.contributes.commands.filter((command) => !command.title.startsWith('%')), [], 'command titles');
    assert.deepEqual(Object.values(parsed.contributes.configuration.properties).filter((p) => p.markdownDescription && !p.markdownDescription.startsWith('%')), []);
  });

  it('the core speaks the bundle it is given, placeholders filled; numbers in the UI\'s language', function () {
    l10n.config({ contents: {
      'Cancelled.': 'Abgebrochen.',
      'Export cancelled; {0} items are saved and it can be resumed.': 'Export abgebrochen; {0} Einträge sind gesichert und er kann fortgesetzt werden.',
    } });
    formatNumbersFor('de-DE');
    assert.equal(describeProblem(new AbortError()).message, 'Abgebrochen.');
    const checkpoint = { itemsWritten: 12345 } as Checkpoint;
    assert.equal(describeExportProblem(new AbortError(), { checkpoint }).message, 'Export abgebrochen; 12.345 Einträge sind gesichert und er kann fortgesetzt werden.');
    l10n.config({ contents: {} });
    formatNumbersFor(undefined);
    assert.equal(formatCount(12345), '12,345', 'English without a locale, as the CLI writes');
    assert.equal(describeProblem(new AbortError()).message, 'Cancelled.');
  });
});
