// The manual (docs/cli.md) names every address form and option `--help` does: its generated parts are current.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manualParts, withManualParts } from '../../src/cli/manual';
import { addressForms, listOptions } from '../../src/core/services/registry';

describe('docs/cli.md agrees with --help', function () {
  const manual = fs.readFileSync(path.join(__dirname, '../../docs/cli.md'), 'utf8');

  it('its generated parts are what the registry and --help give now (run `npm run docs:cli` after adding a service or an option)', function () {
    assert.equal(manual, withManualParts(manual, manualParts()));
  });

  it('names every address form of every kind and every kind\'s option', function () {
    for (const form of addressForms) {
      assert.ok(manual.includes(form.form.replace(/\|/g, '\\|')), `docs/cli.md does not name ${form.form}`);
    }
    for (const option of listOptions) {
      assert.ok(manual.includes(`--${option.flag}`), `docs/cli.md does not name --${option.flag}`);
    }
  });
});
