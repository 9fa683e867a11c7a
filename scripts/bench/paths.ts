import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** Seeded emulator data, bundles and outputs; git-ignored. */
export const CACHE = path.join(ROOT, '.bench-cache');
/** The Node 24 of the `node` dev dependency (fauxqs needs >= 22.5); every contender written in JavaScript runs on it. */
export const NODE = fs.realpathSync(path.join(ROOT, 'node_modules', '.bin', 'node'));
