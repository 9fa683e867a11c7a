import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { resolveConnection, type Connection } from '../core/aws/connection';
import { AwsSession, type Log } from '../core/aws/session';
import { checkpointId, listingTarget, type Checkpoint, type ExportJob } from '../core/export/checkpoint';
import { describeExportProblem, NoCheckpointError } from '../core/export/errors';
import { resumeExport, startExport } from '../core/export/exporter';
import { type ExportProgress } from '../core/export/options';
import { FileCheckpointStore } from '../core/export/fileCheckpointStore';
import { streamExport } from '../core/export/streamExport';
import { ago, countOf, doneMessage, progressText, resumedAtMessage } from '../core/export/messages';
import { formatBytes } from '../core/numbers';
import { describeProblem } from '../core/problems/problem';
import { keepHeapFlat } from './flatHeap';
import { DEFAULT_PAGE_SIZE, parseOptions, usage, type CliOptions } from './options';
import { EXIT, statusLine, type CliIo } from './exitCodes';
import { summarizeMain } from './summarize';

export { EXIT, type CliIo };

/**
 * Runs one export from a command line; resolves to the process exit code. `signal` stops it: Ctrl+C, or SIGTERM when
 * its reason is `'SIGTERM'`.
 */
export async function main(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  if (argv[0] === 'summarize') {
    return summarizeMain(argv.slice(1), io, signal);
  }
  const say = (line: string) => io.stderr.write(`${line}\n`);
  let options: CliOptions | 'help' | 'version';
  try {
    options = parseOptions(argv, io.env, io.cwd);
  } catch (error) {
    say(`paged-aws-export: ${(error as Error).message}\nRun "paged-aws-export --help" for usage.`);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout.write(`${usage}\n`);
    return EXIT.done;
  }
  if (options === 'version') {
    io.stdout.write(`paged-aws-export ${version}\n`);
    return EXIT.done;
  }
  const stopped = () => (signal?.reason === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);

  const { listArgument: { list }, outputPath } = options;
  let connection;
  try {
    connection = await resolveConnection({ profile: options.profile, region: options.region ?? options.listArgument.region, endpointUrl: options.endpointUrl }, io.env);
  } catch (error) {
    say(`paged-aws-export: ${describeProblem(error, { profile: options.profile }).message}`);
    return EXIT.failed;
  }
  const context = { profile: connection.profile, region: connection.region };
  if (options.stream) {
    return streamTo(options, connection, io, say, signal, stopped);
  }
  const store = new FileCheckpointStore(path.join(options.stateDir, 'exports'));
  const session = new AwsSession(connection, verboseLog(options.verbose, say));
  const id = checkpointId({ target: listingTarget(connection), list, outputPath });
  const progress = progressLine(io.stderr, list);
  const onResumedAt = (after: string) => {
    progress.end();
    say(resumedAtMessage(list, after));
  };
  try {
    const existing = options.mode === 'restart' ? undefined : await store.load(id);
    let result;
    if (existing) {
      const conflict = conflictingOptions(options, existing);
      if (conflict) {
        say(`paged-aws-export: an unfinished export of this list into ${outputPath} uses ${conflict}. Run with --restart to start over with the new options, or drop them to resume.`);
        return EXIT.usage;
      }
      say(`Resuming: ${countOf(list, existing.itemsWritten)} written ${ago(existing.updatedAt)} (--restart to start over).`);
      result = await resumeExport(session, existing, { store, tool: 'paged-aws-export', signal, onProgress: progress.update, onResumedAt, parallelism: options.parallelism });
    } else if (options.mode === 'resume') {
      throw new NoCheckpointError(outputPath);
    } else {
      const job: ExportJob = {
        target: listingTarget(connection), list, outputPath, format: options.format ?? 'jsonl', pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE,
        ...(options.style ? { style: options.style } : {}),
        ...csvOf(options),
      };
      result = await startExport(session, job, { store, tool: 'paged-aws-export', signal, onProgress: progress.update, onResumedAt, parallelism: options.parallelism });
    }
    progress.end();
    say(doneMessage(result));
    return EXIT.done;
  } catch (error) {
    progress.end();
    const kept = await store.load(id).catch(() => undefined);
    const problem = describeExportProblem(error, { ...context, checkpoint: kept });
    if (problem.kind === 'cancelled' && signal?.aborted) {
      say(kept ? `Interrupted; ${countOf(list, kept.itemsWritten)} saved. Run the same command again to resume.` : 'Interrupted.');
      return stopped();
    }
    const hint = problem.startOver ? ' Run again with --restart to start over.' : problem.resumable ? ' Run the same command again to resume.' : '';
    say(`paged-aws-export: ${problem.message}${hint}`);
    return EXIT.failed;
  } finally {
    session.dispose();
  }
}

/**
 * An export to an output that cannot seek (`--out -`, a pipe, /dev/stdout): streamed page by page, without a
 * checkpoint, every message on standard error.
 */
async function streamTo(
  options: CliOptions, connection: Connection, io: CliIo, say: (line: string) => void, signal: AbortSignal | undefined, stopped: () => number,
): Promise<number> {
  const { list } = options.listArgument;
  const named = options.outputPath !== '-';
  const sink = named ? fs.createWriteStream(options.outputPath) : io.stdout;
  // A reader that goes away (`| head`) makes later writes fail with EPIPE: that ends the export, it is no crash.
  (sink as NodeJS.WritableStream).on('error', () => undefined);
  say(`Writing to ${named ? options.outputPath : 'standard output'} without a checkpoint: an interrupted export starts over. Use --out FILE to resume one.`);
  const session = new AwsSession(connection, verboseLog(options.verbose, say));
  const progress = progressLine(io.stderr, list);
  try {
    const job = { list, format: options.format ?? 'jsonl', pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, ...(options.style ? { style: options.style } : {}), ...csvOf(options) } as const;
    const onResumedAt = (after: string) => {
      progress.end();
      say(resumedAtMessage(list, after));
    };
    const result = await streamExport(session, job, sink, { signal, onProgress: progress.update, onResumedAt });
    progress.end();
    say(result.readerGone ? `Stopped: the reader closed the output after ${countOf(list, result.itemsWritten)}.` : `Exported ${countOf(list, result.itemsWritten)}.`);
    return EXIT.done;
  } catch (error) {
    progress.end();
    const problem = describeProblem(error, { profile: connection.profile, region: connection.region });
    if (problem.kind === 'cancelled' && signal?.aborted) {
      say('Interrupted.');
      return stopped();
    }
    say(`paged-aws-export: ${problem.message}`);
    return EXIT.failed;
  } finally {
    session.dispose();
    if (named) {
      await new Promise<void>((resolve) => (sink as fs.WriteStream).end(resolve));
    }
  }
}

/** The job's CSV options from --csv-raw and --csv-bom (absent when neither is given: the file is the default CSV). */
function csvOf(options: CliOptions): Pick<ExportJob, 'csv'> {
  return options.csvRaw || options.csvBom ? { csv: { ...(options.csvRaw ? { raw: true } : {}), ...(options.csvBom ? { bom: true } : {}) } } : {};
}

/** Options given on the command line that an unfinished export was started with differently. */
function conflictingOptions(options: CliOptions, checkpoint: Checkpoint): string | undefined {
  const { format, pageSize, style } = checkpoint.job;
  const conflicts = [
    options.format !== undefined && options.format !== format ? `--format ${format}` : undefined,
    options.pageSize !== undefined && options.pageSize !== pageSize ? `--page-size ${pageSize}` : undefined,
    options.style !== undefined && options.style !== style ? (style ? `--${style}` : 'the default records (no --plain)') : undefined,
    options.csvRaw !== undefined && options.csvRaw !== Boolean(checkpoint.job.csv?.raw) ? 'inert CSV cells (no --csv-raw)' : undefined,
    options.csvBom !== undefined && options.csvBom !== Boolean(checkpoint.job.csv?.bom) ? 'no byte-order mark (no --csv-bom)' : undefined,
  ].filter(Boolean);
  return conflicts.length ? conflicts.join(' ') : undefined;
}

function verboseLog(verbose: boolean, say: (line: string) => void): Log {
  return { info: () => undefined, warn: (message) => verbose && say(message) };
}

/** "12,345 objects · 13 pages · 1.2 MB", rewritten in place on a terminal, silent otherwise. */
function progressLine(stderr: CliIo['stderr'], list: ExportJob['list']) {
  const line = statusLine(stderr);
  return {
    update: (p: ExportProgress) => line.show(`${progressText(list, p.itemsWritten, p.pagesWritten, p.itemsScanned)} · ${formatBytes(p.byteLength)}`),
    end: line.end,
  };
}

/** Runs `paged-aws-export` in this process: its arguments, Ctrl+C, and the exit code. Called by bin.ts. */
export function run(): void {
  keepHeapFlat();
  // The bundled SDK's notice that its releases after January 2027 will need Node 22 is not for this tool's users:
  // the SDK inside it does not change, and it supports the Node versions its package.json states.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const controller = new AbortController();
  let interrupts = 0;
  const interrupt = (signal: NodeJS.Signals) => {
    // The first signal stops after the page in progress is checkpointed; a second one does not wait.
    if (++interrupts > 1) {
      process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
    }
    controller.abort(signal);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }, controller.signal)
    .then((code) => {
      process.exitCode = code;
    });
}
