// Writes the generated parts of docs/cli.md (the address forms and the --help text) from the registry and the CLI's
// options: `npm run docs:cli`. test/unit/cliManual.test.ts fails when they are not current.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { manualParts, withManualParts } from '../src/cli/manual';

const file = path.join(__dirname, '..', 'docs', 'cli.md');
fs.writeFileSync(file, withManualParts(fs.readFileSync(file, 'utf8'), manualParts()));
console.log(`Wrote ${path.relative(process.cwd(), file)}`);
