import * as fs from 'node:fs';
import * as path from 'node:path';
import { AwsSession } from '../../../src/core/aws/session';
import { checkpointId, listingTarget, type Checkpoint, type ExportJob } from '../../../src/core/export/checkpoint';
import { startExport } from '../../../src/core/export/exporter';
import { FileCheckpointStore } from '../../../src/core/export/fileCheckpointStore';
import { type ListRef } from '../../../src/core/lists';
import { type ExportFormat } from '../../../src/core/records/formats';
import { testConnection } from '../../support/emulator';
import { type FaultProxy, type FaultRule, type ProxyRequest } from '../../support/faultProxy';
import { capturingLog, MAX_ATTEMPTS, parseExport } from './fixture';

/**
 * One in-process export (the exporter as VS Code runs it) through the fault proxy, with the proxy's `rule` for its
 * duration: what every table of the reliability suites compares. It never throws for the export's own failure: the
 * error, the checkpoint kept and what the proxy saw come back for the test to judge.
 */
export interface ExportRun {
  readonly job: ExportJob;
  readonly store: FileCheckpointStore;
  /** The export's error, if it failed. */
  readonly error?: unknown;
  /** The checkpoint left behind (none after a success). */
  readonly kept?: Checkpoint;
  /** Where the export went on from a position after a refused token (`onResumedAt`). */
  readonly resumedAt: readonly string[];
  /** The list requests the proxy received, with the faults it applied. */
  readonly requests: ReadonlyArray<ProxyRequest & { readonly faults: readonly string[] }>;
  /** Retried attempts in the session's log (each with its backoff). */
  readonly retries: number;
}

export interface ExportOptions {
  readonly rule?: FaultRule;
  readonly maxAttempts?: number;
  readonly parallelism?: number;
  readonly format?: ExportFormat;
}

export async function exportThrough(
  proxy: FaultProxy, dir: string, name: string, list: ListRef, pageSize: number, isList: (request: ProxyRequest) => boolean, options: ExportOptions = {},
): Promise<ExportRun> {
  const log = capturingLog();
  const session = new AwsSession(testConnection(proxy.endpoint, { maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS }), log);
  const store = new FileCheckpointStore(path.join(dir, `state-${name}`));
  const job: ExportJob = { target: listingTarget(session.connection), list, pageSize, format: options.format ?? 'jsonl', outputPath: path.join(dir, name) };
  const resumedAt: string[] = [];
  const from = proxy.log.length;
  proxy.setRule(options.rule);
  let error: unknown;
  try {
    await startExport(session, job, { store, parallelism: options.parallelism, onResumedAt: (after) => resumedAt.push(after) });
  } catch (failure) {
    error = failure;
  } finally {
    proxy.setRule(undefined);
    session.dispose();
  }
  return {
    job, store, error, resumedAt,
    kept: await store.load(checkpointId(job)),
    requests: proxy.log.slice(from).filter(isList),
    retries: log.lines.filter((line) => /\(attempt \d+ of \d+, after \d+ ms backoff\)/.test(line)).length,
  };
}

/** The bytes of an export's file. */
export function bytesOf(run: ExportRun): Buffer {
  return fs.readFileSync(run.job.outputPath);
}

/** The ids of the records of a JSON Lines file (checked valid), by the row's `idOf`. */
export function idsIn(file: string, idOf: (record: Record<string, unknown>) => string): string[] {
  return parseExport(fs.readFileSync(file, 'utf8'), 'jsonl').map(idOf);
}

/** "3 throttle, 1 serverError": the faults a run met, by kind. */
export function faultMix(run: ExportRun): string {
  const counts = new Map<string, number>();
  for (const request of run.requests.filter((r) => r.faults.length > 0)) {
    const kind = request.faults.join('+');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
}
