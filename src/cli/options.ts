import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { exportFormats, formatFromPath, isExportFormat, type ExportFormat } from '../core/records/formats';
import { MAX_PARALLELISM } from '../core/export/parallelExport';
import { addressForms, kindOf, listOptions } from '../core/services/registry';
import { parseListArgument, UsageError, type ListArgument } from './listArgument';
import { findList } from '../core/find/findList';
import { readPattern, type FindPattern } from '../core/find/pattern';

/** A line of the help: the term, then its text from column `width`, on a line of its own when the term is longer. */
function helpRow(term: string, width: number, text: string): string {
  return term.length < width ? `${term.padEnd(width)}${text}` : `${term}\n${' '.repeat(width)}${text}`;
}

/** `--help`: the address forms come from the registry, so a new service shows up here by itself. */
export const usage = `Usage: paged-aws-export [options] <list> --out FILE
       paged-aws-export find [options] <list> PATTERN --out FILE
       paged-aws-export summarize [options] <list>   (counts, sizes, groups, largest/newest/oldest:
                                                      paged-aws-export summarize --help)

Exports a full AWS listing to a file, page by page, with a checkpoint after every page.
An interrupted export (Ctrl+C, crash, network) resumes where it stopped when run again.
\`find\` writes only the items that match PATTERN, the same way: a substring of the name by default,
a glob on the whole name with * and ?, or /a regular expression/. Where the API can narrow a list by
name (S3 Prefix, SQS and Logs name prefixes, EC2 tag:Name) the pattern's literal start is sent.

<list>:
${addressForms.map((form) => helpRow(`  ${form.form}`, 37, form.description)).join('\n')}

Options:
  -o, --out FILE          output file (required); - (or a pipe, /dev/stdout) streams to standard output, with
                          no checkpoint
      --format F          jsonl (default), csv or json; default from the file extension
      --folders           S3 objects: one folder level (common prefixes) instead of every key
      --page-size N       items per request where the API takes it, 1-10000 (default 1000), within each
                          API's own limits (S3 and SQS: 1000; DynamoDB tables: 100; log events: 10000)
      --parallel N        JSON Lines or CSV, 1-64 (default 1: one request at a time). S3 objects: list up
                          to N top-level folders at once, the file the same byte for byte. DynamoDB items:
                          a parallel Scan of N segments, written one after the other. An S3 Inventory
                          report: N runs of its data files at once, written in the manifest's order
      --csv-raw           CSV: write cells that start with = + - @ as they are (default: with a leading ', so
                          a spreadsheet does not run them as formulas)
      --csv-bom           CSV: start the file with a UTF-8 byte-order mark (for Excel)
      --field F           find: match F, a field of the record (StorageClass, State.Name), not the name
      --regex             find: PATTERN is a regular expression (as /PATTERN/ is)
      --ignore-case       find: upper and lower case match each other
      --plain             DynamoDB items as plain JSON (numbers exact, sets as arrays, binary as base64)
                          instead of DynamoDB JSON ({"Item":{"pk":{"S":"…"}}})
${listOptions.map((option) => helpRow(`      --${option.flag} ${option.value}`, 26, option.description)).join('\n')}
      --profile P         AWS profile (default: AWS_PROFILE, else default)
      --region R          AWS region (default: the profile's, AWS_REGION, else us-east-1)
      --endpoint-url URL  custom endpoint (default: AWS_ENDPOINT_URL, else the profile's)
      --resume            require an unfinished export to continue
      --restart           start over even if an unfinished export exists
      --state-dir DIR     where checkpoints are kept (default: $XDG_STATE_HOME/paged-aws-explorer)
  -v, --verbose           log every failed request attempt
      --version           print the version
  -h, --help              show this help

Examples:
  paged-aws-export s3://my-bucket/logs/ --out logs.jsonl --parallel 8
  paged-aws-export find s3://my-bucket/ invoice-2024 --out -
  paged-aws-export find s3://my-bucket/logs/ '2024-??-*.gz' --out gz.csv
  paged-aws-export find ec2:instances running --field State.Name --out running.jsonl
  paged-aws-export s3-inventory://my-bucket/daily --out objects.jsonl --parallel 4
  paged-aws-export summarize s3-inventory://my-bucket/daily@2026-12-01

Exit codes: 0 done, 1 failed (the checkpoint is kept when the export can be resumed), 2 usage error,
130 interrupted (Ctrl+C) and 143 terminated (SIGTERM), the checkpoint kept.`;

export interface CliOptions {
  readonly listArgument: ListArgument;
  /** `find`: the pattern the items written match (the list argument is then the find's list). */
  readonly find?: FindPattern;
  readonly outputPath: string;
  /** The output cannot seek (`-`, a pipe, a device): the export is streamed to it, without a checkpoint. */
  readonly stream: boolean;
  /** Undefined when neither --format nor the file extension names one: jsonl, unless a checkpoint says otherwise. */
  readonly format?: ExportFormat;
  readonly pageSize?: number;
  /** Parts of a recursive S3 listing listed at once. */
  readonly parallelism: number;
  readonly profile?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
  /** A way of writing the records the kind offers (`plain`); undefined: the kind's default, or a checkpoint's. */
  readonly style?: string;
  /** CSV cells as they are (`--csv-raw`) and a byte-order mark (`--csv-bom`); undefined: not given (a checkpoint's, else off). */
  readonly csvRaw?: boolean;
  readonly csvBom?: boolean;
  readonly mode: 'auto' | 'resume' | 'restart';
  readonly stateDir: string;
  readonly verbose: boolean;
}

export const DEFAULT_PAGE_SIZE = 1000;
/** The largest page any API here takes (CloudWatch Logs events: 10,000); each kind clamps it to its own limit. */
const MAX_PAGE_SIZE = 10_000;

/** The parsed command line, `'help'` for --help, `'version'` for --version, or a `UsageError` saying what is wrong. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliOptions | 'help' | 'version' {
  const finding = argv[0] === 'find';
  let parsed;
  try {
    parsed = parseArgs({
      args: joinSpans(finding ? argv.slice(1) : argv),
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        format: { type: 'string' },
        folders: { type: 'boolean', default: false },
        plain: { type: 'boolean', default: false },
        field: { type: 'string' },
        regex: { type: 'boolean', default: false },
        'ignore-case': { type: 'boolean', default: false },
        'csv-raw': { type: 'boolean' },
        'csv-bom': { type: 'boolean' },
        'page-size': { type: 'string' },
        parallel: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        'endpoint-url': { type: 'string' },
        resume: { type: 'boolean', default: false },
        restart: { type: 'boolean', default: false },
        'state-dir': { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        // The kinds' own options (--start, --state…): each sets a parameter of the list.
        ...Object.fromEntries(listOptions.map((option) => [option.flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return 'help';
  }
  if (values.version) {
    return 'version';
  }
  if (finding && positionals.length !== 2) {
    throw new UsageError(positionals.length === 0 ? 'Name the list to find in, then the pattern.' : positionals.length === 1 ? 'Give the pattern to find after the list.' : `Name one list and one pattern, not ${positionals.length} arguments (quote a pattern with spaces).`);
  }
  if (!finding && positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'Name the list to export.' : `Name one list to export, not ${positionals.length}.`);
  }
  if (!finding && (values.field !== undefined || values.regex || values['ignore-case'])) {
    throw new UsageError('--field, --regex and --ignore-case apply to find only.');
  }
  if (finding && values.folders) {
    throw new UsageError('--folders does not apply to find: it reads every item below the list.');
  }
  if (!values.out) {
    throw new UsageError('--out FILE is required.');
  }
  if (values.resume && values.restart) {
    throw new UsageError('--resume and --restart exclude each other.');
  }
  let format: ExportFormat | undefined;
  if (values.format !== undefined) {
    if (!isExportFormat(values.format)) {
      throw new UsageError(`--format must be one of ${exportFormats.join(', ')}.`);
    }
    format = values.format;
  }
  const pageSize = values['page-size'] === undefined ? undefined : parsePageSize(values['page-size']);
  // Sequential unless asked: scripts see one request at a time, as with earlier versions.
  let parallelism = 1;
  if (values.parallel !== undefined) {
    parallelism = Number(values.parallel);
    if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new UsageError(`--parallel must be a whole number from 1 to ${MAX_PARALLELISM}.`);
    }
  }
  const outputPath = values.out === '-' ? '-' : path.resolve(cwd, values.out);
  const stream = isStream(outputPath);
  if (stream && values.resume) {
    throw new UsageError('--resume needs a file: an export to standard output or a pipe has no checkpoint.');
  }
  let listArgument = parseListArgument(positionals[0], finding || values.folders, kindOptionValues(values));
  let find: FindPattern | undefined;
  if (finding) {
    try {
      find = readPattern(positionals[1], { regex: values.regex, ignoreCase: values['ignore-case'], field: values.field });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    listArgument = { ...listArgument, list: findList(listArgument.list, kindOf(listArgument.list), find) };
  }
  if (values.plain && !kindOf(listArgument.list).exportStyles?.some((style) => style.id === 'plain')) {
    throw new UsageError('--plain applies to DynamoDB items (a table or a Query) only.');
  }
  return {
    listArgument,
    ...(find ? { find } : {}),
    ...(values.plain ? { style: 'plain' } : {}),
    ...(values['csv-raw'] ? { csvRaw: true } : {}),
    ...(values['csv-bom'] ? { csvBom: true } : {}),
    outputPath,
    stream,
    format: format ?? (stream ? undefined : formatFromPath(outputPath)),
    pageSize,
    parallelism,
    profile: values.profile,
    region: values.region,
    endpointUrl: values['endpoint-url'],
    mode: values.resume ? 'resume' : values.restart ? 'restart' : 'auto',
    stateDir: values['state-dir'] ? path.resolve(cwd, values['state-dir']) : defaultStateDir(env),
    verbose: values.verbose,
  };
}

/** `--page-size N`, checked. */
export function parsePageSize(text: string): number {
  const pageSize = Number(text);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new UsageError(`--page-size must be a whole number from 1 to ${MAX_PAGE_SIZE.toLocaleString('en-US')}.`);
  }
  return pageSize;
}

/** The kinds' own options given on the command line (`--start`, `--state`…), by flag. */
export function kindOptionValues(values: object): Record<string, string> {
  const given = values as Record<string, unknown>;
  return Object.fromEntries(listOptions.flatMap((option) => (typeof given[option.flag] === 'string' ? [[option.flag, given[option.flag] as string]] : [])));
}

/**
 * `--start -24h` as `--start=-24h`: parseArgs takes a value that starts with a dash for an option of its own, and the
 * kinds' time options are written that way (as the AWS CLI's users write relative times).
 */
export function joinSpans(argv: readonly string[]): string[] {
  const flags = new Set(listOptions.map((option) => `--${option.flag}`));
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (flags.has(argv[i]) && /^-\d/.test(argv[i + 1] ?? '')) {
      args.push(`${argv[i]}=${argv[i + 1]}`);
      i++;
    } else {
      args.push(argv[i]);
    }
  }
  return args;
}

/** `-`, a pipe, a socket or a device (`/dev/stdout`): an output that cannot be cut back to a checkpoint and resumed. */
function isStream(file: string): boolean {
  if (file === '-') {
    return true;
  }
  try {
    const stat = fs.statSync(file);
    return stat.isFIFO() || stat.isCharacterDevice() || stat.isSocket() || /^\/(dev|proc)\//.test(file) || /^\/(dev|proc)\//.test(fs.realpathSync(file));
  } catch {
    return false;
  }
}

/** Where the CLI keeps checkpoints: the XDG state directory (or LOCALAPPDATA on Windows). */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  if (env.XDG_STATE_HOME) {
    return path.join(env.XDG_STATE_HOME, 'paged-aws-explorer');
  }
  if (process.platform === 'win32' && env.LOCALAPPDATA) {
    return path.join(env.LOCALAPPDATA, 'paged-aws-explorer');
  }
  return path.join(os.homedir(), '.local', 'state', 'paged-aws-explorer');
}
