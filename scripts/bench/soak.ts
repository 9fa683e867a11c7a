// The soak row: a 100,000-key S3 export, sequential and --parallel 8, SIGKILLed at 30 seeded random moments and run
// again each time until it completes. It passes when the file equals the uninterrupted export byte for byte, holds
// every key once, and nothing is left beside it (no part file, keys file or lock) nor in the state directory (no
// checkpoint). Too long for CI (npm run test:reliability kills 10,000 keys 20 times); here it prints its figures.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../../test/support/faultProxy';

export interface SoakRow {
  readonly mode: string;
  readonly keys: number;
  readonly seed: number;
  /** Kills that landed while the export ran (a run that finished first is not one). */
  readonly kills: number;
  /** Runs that said "Resuming: ". */
  readonly resumes: number;
  /** Runs in all, the final one included. */
  readonly runs: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly identical: boolean;
  /** Files left beside the output or in the state directory once it completed. */
  readonly leftovers: readonly string[];
  readonly referenceSeconds: number;
  /** When the uninterrupted run's first checkpoint appeared: kills are drawn from a little before it. */
  readonly firstCheckpointSeconds: number;
  /** Every run of the soak, end to end. */
  readonly soakSeconds: number;
}

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function runCli(node: string, args: readonly string[], env: NodeJS.ProcessEnv, killAfterMs?: number, firstCheckpoint?: { dir: string; ms?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(node, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    // When the first checkpoint appears: a kill before it only starts the export over.
    const poll = firstCheckpoint && setInterval(() => {
      if (firstCheckpoint.ms === undefined && listFiles(firstCheckpoint.dir).some((name) => name.endsWith('.json'))) {
        firstCheckpoint.ms = Date.now() - started;
      }
    }, 5);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve({ code, signal, stderr });
    });
  });
}

/**
 * Soaks one mode of `list` (whose keys are `keys`) in `dir`: an uninterrupted reference, then `kills` runs each killed
 * at a seeded moment, then one to the end. The reference says when its first checkpoint appeared (F, after start-up
 * and the first page) and how long it took (T); a moment is drawn between 0.8 F and F + 1.5 (T − F) ÷ kills after the
 * spawn, so a few kills land before any checkpoint and the rest spread over the whole listing (mid-request, mid-write,
 * mid-checkpoint), about three quarters of it done by runs that are killed.
 */
export async function soak(options: {
  readonly node: string; readonly cli: string; readonly env: NodeJS.ProcessEnv; readonly list: string; readonly keys: readonly string[];
  readonly parallel: number; readonly kills: number; readonly seed: number; readonly dir: string; readonly say: (line: string) => void;
}): Promise<SoakRow> {
  const { node, cli, env, list, keys, parallel, kills, seed, say } = options;
  const dir = path.join(options.dir, `soak-${parallel}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  const args = (out: string) => [cli, list, '--out', path.join(dir, 'out', out), '--parallel', String(parallel), '--page-size', '1000', '--state-dir', path.join(dir, 'state')];
  const mode = parallel > 1 ? `--parallel ${parallel}` : 'sequential';

  let started = Date.now();
  const first: { dir: string; ms?: number } = { dir: path.join(dir, 'state') };
  const reference = await runCli(node, args('reference.jsonl'), env, undefined, first);
  if (reference.code !== 0) {
    throw new Error(`the uninterrupted ${mode} export failed: ${reference.stderr}`);
  }
  const referenceSeconds = (Date.now() - started) / 1000;

  const random = seededRandom(seed);
  let killed = 0;
  let resumes = 0;
  let runs = 0;
  started = Date.now();
  for (let i = 0; i < kills; i++) {
    const firstMs = first.ms ?? 0;
    const moment = Math.floor(0.8 * firstMs + random() * (0.2 * firstMs + (1.5 * (referenceSeconds * 1000 - firstMs)) / kills));
    const result = await runCli(node, args('soak.jsonl'), env, moment);
    runs++;
    resumes += /^Resuming: /m.test(result.stderr) ? 1 : 0;
    if (result.signal === 'SIGKILL') {
      killed++;
    } else if (result.code === 0) {
      break; // It finished before its moment: the rest would only start it again.
    } else {
      throw new Error(`run ${runs} of the ${mode} soak failed by itself: ${result.stderr}`);
    }
    if ((i + 1) % 10 === 0) {
      say(`  ${mode}: ${killed} kills, ${resumes} resumes`);
    }
  }
  const final = await runCli(node, args('soak.jsonl'), env);
  runs++;
  resumes += /^Resuming: /m.test(final.stderr) ? 1 : 0;
  if (final.code !== 0) {
    throw new Error(`the last run of the ${mode} soak failed: ${final.stderr}`);
  }
  const soakSeconds = (Date.now() - started) / 1000;

  const written = fs.readFileSync(path.join(dir, 'out', 'soak.jsonl'));
  const seen = new Map<string, number>();
  for (const line of written.toString('utf8').split('\n').filter(Boolean)) {
    const key = (JSON.parse(line) as { Key: string }).Key;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const leftovers = [
    ...fs.readdirSync(path.join(dir, 'out')).filter((name) => name !== 'reference.jsonl' && name !== 'soak.jsonl').map((name) => `out/${name}`),
    ...listFiles(path.join(dir, 'state')).map((name) => `state/${name}`),
  ];
  return {
    mode, keys: keys.length, seed, kills: killed, resumes, runs,
    lost: keys.filter((key) => !seen.has(key)).length,
    duplicated: [...seen.values()].reduce((sum, count) => sum + count - 1, 0),
    identical: written.equals(fs.readFileSync(path.join(dir, 'out', 'reference.jsonl'))),
    leftovers, referenceSeconds, firstCheckpointSeconds: (first.ms ?? 0) / 1000, soakSeconds,
  };
}

/** Files under `dir`, relative to it (directories themselves are not leftovers). */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

/** Whether a soak row passed: every kill landed, at least half of the reruns resumed, and the file is exact with nothing left. */
export const soaked = (row: SoakRow, kills: number) => row.kills === kills && row.resumes >= kills / 2 && row.lost === 0 && row.duplicated === 0 && row.identical && row.leftovers.length === 0;
