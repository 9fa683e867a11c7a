import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type ExportFormat } from '../../../src/core/records/formats';
import { type Log } from '../../../src/core/aws/session';
import { builtCli } from '../../support/cli';
import { createBucket, numberedNames, putObjects, startEmulator, testSession, type Emulator } from '../../support/emulator';
import { startFaultProxy, type Fault, type FaultProxy, type FaultRule } from '../../support/faultProxy';

/**
 * One emulator for all reliability suites, with the 10,000-object bucket they share (putting it takes ~10 s, so it is
 * put once). Stopped by the root hook at the end of the run.
 */

export { builtCli, nodeBinary, root, runProcess, type ProcessRun } from '../../support/cli';

/** Every seeded choice (faults, kill moments) derives from it, so a run can be replayed: RELIABILITY_SEED=… */
export const SEED = Number(process.env.RELIABILITY_SEED ?? 20261123);
/** Throttled or failed: what a flaky network or a busy service does to one request. */
export const FAILURES: readonly Fault[] = [
  { kind: 'throttle' },
  { kind: 'serverError', status: 500 },
  { kind: 'serverError', status: 503 },
  { kind: 'resetBeforeResponse' },
  { kind: 'resetMidResponse' },
];
/** Enough that a request failing 20% of the time practically never runs out (0.2^8), yet bounded. */
export const MAX_ATTEMPTS = 8;

export const BIG_BUCKET = 'reliability-big';
/** Zero-padded names of one shape: fauxqs sorts with localeCompare but resumes with `>`, so mixed shapes could page wrongly. */
export const BIG_KEYS = numberedNames('object', 10_000, 5);

let emulator: Promise<Emulator> | undefined;
let bigBucket: Promise<void> | undefined;

export function sharedEmulator(): Promise<Emulator> {
  emulator ??= startEmulator();
  return emulator;
}

/** The emulator, with `reliability-big` holding `BIG_KEYS`. */
export async function emulatorWithBigBucket(): Promise<Emulator> {
  const running = await sharedEmulator();
  bigBucket ??= (async () => {
    const seed = testSession(running.endpoint);
    try {
      await createBucket(seed, BIG_BUCKET);
      await putObjects(seed, BIG_BUCKET, BIG_KEYS, 64);
    } finally {
      seed.dispose();
    }
  })();
  await bigBucket;
  return running;
}

/**
 * What the suites that run the CLI share: the emulator with the big bucket, a fault proxy in front of it (stopped by
 * the suite), the CLI as it ships, and a temporary directory.
 */
export async function proxiedCli(label: string, rule?: FaultRule): Promise<{ emulator: Emulator; proxy: FaultProxy; cli: string; dir: string }> {
  const emulator = await emulatorWithBigBucket();
  return { emulator, proxy: await startFaultProxy(emulator.endpoint, rule), cli: await builtCli(), dir: tempDir(label) };
}

/** The environment of a CLI run whose requests go through `proxy`. */
export function cliEnv(proxy: FaultProxy, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, AWS_ENDPOINT_URL: proxy.endpoint, AWS_REGION: 'us-east-1', ...extra };
}

/** A fresh temporary directory, removed at the end of the run. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `paged-aws-reliability-${label}-`));
  temporaryDirs.push(dir);
  return dir;
}
const temporaryDirs: string[] = [];

/** A `Log` that keeps every line, to show retries and to grep for secrets. */
export function capturingLog(): Log & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    debug: (message) => lines.push(`debug ${message}`),
  };
}

/** How a listing compares with the ground truth. */
export interface Comparison {
  readonly lost: number;
  readonly duplicated: number;
  readonly unexpected: number;
}

export function compareKeys(actual: readonly string[], expected: readonly string[]): Comparison {
  const counts = new Map<string, number>();
  for (const key of actual) {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const wanted = new Set(expected);
  let duplicated = 0;
  let unexpected = 0;
  for (const [key, count] of counts) {
    duplicated += count - 1;
    if (!wanted.has(key)) {
      unexpected++;
    }
  }
  return { lost: expected.filter((key) => !counts.has(key)).length, duplicated, unexpected };
}

/**
 * The records of an exported file, parsed strictly by its format: JSON Lines line by line, a JSON array, or RFC 4180
 * CSV (header row, CRLF, quoted fields). Throws if the file is not valid in its format.
 */
export function parseExport(text: string, format: ExportFormat): Array<Record<string, unknown>> {
  switch (format) {
    case 'jsonl': {
      assert.ok(text === '' || text.endsWith('\n'), 'JSON Lines ends with a newline');
      return text.split('\n').slice(0, -1).map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch (error) {
          throw new Error(`line ${i + 1} is not JSON: ${(error as Error).message}`, { cause: error });
        }
      });
    }
    case 'json': {
      const value = JSON.parse(text) as unknown;
      assert.ok(Array.isArray(value), 'a JSON export is one array');
      return value as Array<Record<string, unknown>>;
    }
    case 'csv': {
      const rows = parseCsv(text);
      const [header, ...records] = rows;
      assert.ok(header, 'a CSV export has a header row');
      return records.map((row) => {
        assert.equal(row.length, header.length, 'every CSV row has as many fields as the header');
        return Object.fromEntries(header.map((name, i) => [name, row[i]]));
      });
    }
  }
}

/** RFC 4180: CRLF between records, fields with commas, quotes or line breaks quoted, quotes doubled. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        assert.ok(i === text.length || text[i] === ',' || text.startsWith('\r\n', i), `CSV: a closing quote is followed by a separator (offset ${i})`);
      } else {
        field += c;
        i++;
      }
    } else if (c === '"') {
      assert.equal(field, '', `CSV: a quote only opens a field (offset ${i})`);
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\n' && c !== '\r', `CSV: a bare line break outside quotes (offset ${i})`);
      field += c;
      i++;
    }
  }
  assert.ok(!quoted, 'CSV: an unterminated quoted field');
  assert.ok(field === '' && row.length === 0, 'CSV: the last record ends with CRLF');
  return rows;
}

/** Keys of an exported file, after checking it is valid in its format. */
export function exportedKeys(file: string, format: ExportFormat): string[] {
  return parseExport(fs.readFileSync(file, 'utf8'), format).map((record) => String(record.Key));
}

/** A stack trace in a message means an error escaped instead of being described. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.*:\d+:\d+\)/.test(text) || /^\s+at /m.test(text);
}

export const mochaHooks = {
  async afterAll(): Promise<void> {
    if (emulator) {
      await (await emulator).stop();
    }
    for (const dir of temporaryDirs) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
