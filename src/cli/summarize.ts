import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConnection } from '../core/aws/connection';
import { AwsSession } from '../core/aws/session';
import { listingTarget } from '../core/export/checkpoint';
import { ago, countOf, resumedAtMessage } from '../core/export/messages';
import { describeProblem } from '../core/problems/problem';
import { formatBytes } from '../core/numbers';
import { DEFAULT_LIMITS } from '../core/answers/summary';
import { summaryId, SummaryStore, type SummaryJob } from '../core/answers/summaryRun';
import { summarize } from '../core/answers/parallelSummary';
import { MAX_PARALLELISM } from '../core/export/parallelExport';
import { summaryDocument, summaryText } from '../core/answers/summaryReport';
import { kindOf, listOptions } from '../core/services/registry';
import { parseListArgument, UsageError } from './listArgument';
import { defaultStateDir, DEFAULT_PAGE_SIZE, joinSpans, kindOptionValues, parsePageSize } from './options';
import { EXIT, statusLine, type CliIo } from './exitCodes';

/** `paged-aws-export summarize --help`. */
export const summarizeUsage = `Usage: paged-aws-export summarize [options] <list>

Reads every page of a list once and prints what it adds up to: the count (and bytes, for S3), the items by
each grouping of the list (S3: storage class, folder, extension, size, month; EC2: state, type, zone…), and
the largest, newest and oldest items. Memory is bounded by the number of groups, not of items; the running
summary is checkpointed after every page, so an interrupted summary resumes when run again.

<list>: any list paged-aws-export exports (paged-aws-export --help); an S3 prefix is read recursively.

Options:
      --by ID[,ID…]       show only these groupings (the ids head the tables; --json lists them)
      --top N             largest, newest and oldest items kept, 0-1000 (default 10)
      --json              print one JSON document instead of tables
  -o, --out FILE          write the summary to FILE instead of standard output
      --page-size N       items per request (default 1000, within each API's limits)
      --parallel N        S3 objects: read each top-level folder as a part, N at a time; DynamoDB: a
                          parallel Scan of N segments; an S3 Inventory report: N runs of its data files
                          (1-64, default 1)
      --profile P, --region R, --endpoint-url URL, --state-dir DIR, --restart: as for an export

Examples:
  paged-aws-export summarize s3://my-bucket/logs/ --top 20 --parallel 8
  paged-aws-export summarize ec2:instances --region eu-west-1 --json --out instances-summary.json`;

/** Runs `paged-aws-export summarize …`: the exit codes of an export. */
export async function summarizeMain(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  let options;
  try {
    options = parseSummarizeOptions(argv);
  } catch (error) {
    say(`paged-aws-export summarize: ${(error as Error).message}\nRun "paged-aws-export summarize --help" for usage.`);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.stdout.write(`${summarizeUsage}\n`);
    return EXIT.done;
  }
  const { values, list, region } = options;
  let connection;
  try {
    connection = await resolveConnection({ profile: values.profile, region: values.region ?? region, endpointUrl: values['endpoint-url'] }, io.env);
  } catch (error) {
    say(`paged-aws-export: ${describeProblem(error, { profile: values.profile }).message}`);
    return EXIT.failed;
  }
  const stateDir = values['state-dir'] ? path.resolve(io.cwd, values['state-dir']) : defaultStateDir(io.env);
  const store = new SummaryStore(path.join(stateDir, 'summaries'));
  const session = new AwsSession(connection, { info: () => undefined, warn: () => undefined });
  const job: SummaryJob = {
    target: listingTarget(connection), list, pageSize: options.pageSize, limits: { ...DEFAULT_LIMITS, top: options.top }, asOf: new Date().toISOString(),
  };
  const line = statusLine(io.stderr);
  try {
    const resume = values.restart ? undefined : await store.load(summaryId(job));
    if (resume) {
      say(`Resuming: ${countOf(list, resume.state.items)} summarized ${ago(resume.updatedAt)} (--restart to start over).`);
    }
    const result = await summarize(session, resume ? resume.job : job, {
      store, resume, signal, parallelism: options.parallelism,
      onProgress: (p) => line.show(`${countOf(list, p.items)} · ${p.pages} pages${p.bytes === undefined ? '' : ` · ${formatBytes(p.bytes)}`}`),
      onResumedAt: (after) => {
        line.end();
        say(resumedAtMessage(list, after));
      },
    });
    line.end();
    const document = summaryDocument(result, options.by);
    const text = values.json ? `${JSON.stringify(document, null, 2)}\n` : `${summaryText(document)}\n`;
    if (values.out && values.out !== '-') {
      fs.writeFileSync(path.resolve(io.cwd, values.out), text);
      say(`Summarized ${countOf(list, result.state.items)} into ${path.resolve(io.cwd, values.out)}.`);
    } else {
      io.stdout.write(text);
    }
    return EXIT.done;
  } catch (error) {
    line.end();
    const kept = await store.load(summaryId(job)).catch(() => undefined);
    const problem = describeProblem(error, { profile: connection.profile, region: connection.region });
    if (problem.kind === 'cancelled' && signal?.aborted) {
      say(kept ? `Interrupted; ${countOf(list, kept.state.items)} summarized so far. Run the same command again to resume.` : 'Interrupted.');
      return signal.reason === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
    }
    // A refused token that the list has no position to replace: the saved one will be refused again.
    const hint = problem.kind === 'refusedToken' && kept ? ' Run again with --restart to start over.' : kept ? ' Run the same command again to resume.' : '';
    say(`paged-aws-export: ${problem.message}${hint}`);
    return EXIT.failed;
  } finally {
    session.dispose();
  }
}

function parseSummarizeOptions(argv: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinSpans(argv), allowPositionals: true,
      options: {
        by: { type: 'string' }, top: { type: 'string' }, json: { type: 'boolean', default: false }, out: { type: 'string', short: 'o' },
        'page-size': { type: 'string' }, profile: { type: 'string' }, region: { type: 'string' }, 'endpoint-url': { type: 'string' },
        'state-dir': { type: 'string' }, parallel: { type: 'string' }, restart: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
        ...Object.fromEntries(listOptions.map((option) => [option.flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return 'help' as const;
  }
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'Name the list to summarize.' : `Name one list to summarize, not ${positionals.length}.`);
  }
  const { list, region } = parseListArgument(positionals[0], false, kindOptionValues(values));
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 0 || top > 1000) {
    throw new UsageError('--top must be a whole number from 0 to 1000.');
  }
  const pageSize = values['page-size'] === undefined ? DEFAULT_PAGE_SIZE : parsePageSize(values['page-size']);
  const parallelism = values.parallel === undefined ? 1 : Number(values.parallel);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_PARALLELISM) {
    throw new UsageError(`--parallel must be a whole number from 1 to ${MAX_PARALLELISM}.`);
  }
  const known = (kindOf(list).summary?.groupings ?? []).map((grouping) => grouping.id);
  const by = values.by?.split(',').map((id) => id.trim()).filter(Boolean);
  const unknown = by?.filter((id) => !known.includes(id)) ?? [];
  if (unknown.length) {
    throw new UsageError(`--by ${unknown.join(',')}: ${known.length ? `the groupings of ${kindOf(list).itemNoun} are ${known.join(', ')}` : `${kindOf(list).itemNoun} have no groupings`}.`);
  }
  return { values, list, region, top, pageSize, by, parallelism };
}
