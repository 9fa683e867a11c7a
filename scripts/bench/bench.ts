// npm run bench: this project's exporter against a plain SDK loop, the AWS CLI and rclone, on one emulator, in one
// run. Prints the tables and writes them to docs/benchmarks.md. Not part of CI; takes ~15 minutes, and the S3
// Inventory rows ~20 more (plus a few minutes of seeding and report generation on the first run, cached in
// .bench-cache/). BENCH_RUNS=N changes the runs per contender (default 5).
//
// BENCH_ONLY=ID[,ID…] runs a part only: the scenarios whose id (see `scenarios` below) is ID or starts with `ID-`
// (`logs`: logs-100k and logs-10k; `s3-10k`: s3-10k and s3-10k-latency; `dynamodb`, `sns`, `startup`, …), and
// `in-process`, `tree`, `resource-explorer`, `soak` (100,000 keys killed 30 times, sequential and --parallel 8),
// `workbench` or `activation` for the sections after them; an ID that matches nothing is refused with the
// list. `inventory` runs the S3 Inventory rows (inventory-csv-1m, inventory-csv-10m, inventory-parquet-1m,
// inventory-parquet-10m: a report of 1 or 10 million rows read by our exporter against DuckDB; the reports are
// generated once, ~5 minutes, into .bench-cache/inventory/) and the live listing they stand in for. Only the servers
// those parts use are started and seeded (BENCH_ONLY=logs starts neither fauxqs nor dynalite), and the AWS CLI and
// rclone are installed only if they run. A partial run prints its tables and leaves
// docs/benchmarks.md as it is: only a full run writes it. E.g. `BENCH_ONLY=logs BENCH_RUNS=3 npm run bench`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { startDynaliteProcess, startEmulatorProcess, startServerProcess, type EmulatorProcess } from './emulatorProcess';
import { type InProcessRun } from './inProcessExport';
import { logsBig, logsSmall } from './logsData';
import { HEALTH_EVENTS } from './healthData';
import { SYNTHETIC, syntheticMatches, type SyntheticId } from './s3ListData';
import { cpuSecondsOf } from './processCpu';
import { measure, stats, type Command, type Sample, type Stats } from './measure';
import { CACHE, NODE, ROOT } from './paths';
import { render, type InProcessRow, type Report, type Scenario } from './report';
import { bigKeys, DATA, prefixedKeys, rowKeys, seedDynamo, seedOnce, seedTreeOnce, smallKeys, TREE_DATA } from './seed';
import { ensureCodeServer } from '../lib/codeServer';
import { type WorkbenchConfig, type WorkbenchFigures } from './workbench';
import { measureTree } from './tree';
import { measureResourceExplorer, RESOURCES } from './resourceExplorer';
import { soak, type SoakRow } from './soak';
import { dataFilesOf, generateInventoryOnce, INVENTORY_DIR, INVENTORY_REPORTS, inventoryConfigurations, inventoryList, reportBytes, ROW_GROUP_SIZE, type InventoryBenchId } from './inventoryData';
import { measureListPage } from './inventoryListing';
import { expectedRecord } from '../../test/support/inventoryReports';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** BENCH_ONLY, split at commas: undefined for a full run (unset or empty). */
const ONLY = ((ids) => (ids?.length ? ids : undefined))(process.env.BENCH_ONLY?.split(',').map((id) => id.trim()).filter(Boolean));
/** The sections after the scenarios, selectable by BENCH_ONLY like a scenario. */
const SECTIONS = ['in-process', 'tree', 'resource-explorer', 'soak', 'workbench', 'activation'] as const;
/** Kills of the soak row (each mode). */
const SOAK_KILLS = 30;
const selected = (id: string) => !ONLY || ONLY.some((only) => id === only || id.startsWith(`${only}-`));
/** FilterLogEvents' largest `limit` (API reference: "Valid Range: Minimum value of 1. Maximum value of 10000."). */
const LOGS_PAGE_SIZE = 10_000;
const execFileAsync = promisify(execFile);
const LATENCY_MS = 20;
const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * A server of the benchmark in its own process, started (and seeded) only when a selected part uses it: its endpoint
 * is read when a contender's command is made, after the start.
 */
class Server {
  private running?: EmulatorProcess;

  constructor(
    readonly name: string, private readonly launch: () => Promise<EmulatorProcess>, readonly dependsOn: readonly Server[] = [],
    /** What a latency proxy adds to every request. */
    readonly addedLatencyMs = 0,
  ) {}

  get process(): EmulatorProcess {
    if (!this.running) {
      throw new Error(`${this.name} was not started`);
    }
    return this.running;
  }

  get endpoint(): string {
    return this.process.endpoint;
  }

  async start(): Promise<void> {
    for (const server of this.dependsOn) {
      await server.start();
    }
    this.running ??= await this.launch();
  }

  /** Its process and those it forwards to: their CPU time is the server side of a run. */
  get pids(): number[] {
    return [this.process.pid, ...this.dependsOn.flatMap((server) => server.pids)];
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** One contender of a scenario: how to run it, and how to check what it wrote. */
interface Contender {
  readonly name: string;
  /** The server it lists from (started only when a selected scenario needs it). */
  readonly server: Server;
  /** A program it needs beyond Node (installed when missing). */
  readonly tool?: string;
  /** Our exporter: the row the others are compared with. */
  readonly reference?: boolean;
  readonly command: (out: string) => Command;
  /** Items in its output (checked once, after its first run). */
  readonly count: (out: string) => number;
  /** Outputs that must be byte-identical (the exporters and the SDK loop write the same JSON Lines). */
  readonly sameBytesAs?: string;
  /** JSON Lines with the same lines as the reference in another order (a parallel scan writes segment after segment). */
  readonly sameLinesOnly?: boolean;
  /** Requests a parallel export sends, where the data decides them: for its latency limit. */
  readonly requests?: number;
  /** Items its output must hold, where not the scenario's (a loop that counts every key a find reads). */
  readonly items?: number;
  /** A check of what it wrote beyond the count (after its first run): throws when wrong. */
  readonly verify?: (out: string) => void;
}

/** The S3 Inventory reports of the benchmark, in the order of their rows. */
const INVENTORY_IDS: readonly InventoryBenchId[] = ['csv-1m', 'csv-10m', 'parquet-1m', 'parquet-10m'];
/** Runs of a 10-million-row inventory row (each run of each contender writes ~3 GB): at most this many. */
const INVENTORY_10M_RUNS = 3;

async function main(): Promise<void> {
  const started = new Date();
  fs.mkdirSync(path.join(CACHE, 'out'), { recursive: true });
  fs.mkdirSync(path.join(CACHE, 'home'), { recursive: true });
  const emptyFile = path.join(CACHE, 'empty');
  fs.writeFileSync(emptyFile, '');

  say('packaging the VSIX (npm run package: production build of dist/extension.js and dist/cli.js)…');
  run('npm', ['run', 'package']);
  const vsix = path.join(ROOT, 'paged-aws-explorer.vsix');
  const bundle = async (entry: string, outfile: string, minify = false) => {
    await esbuild.build({
      entryPoints: [path.join(__dirname, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', minify, logLevel: 'warning',
    });
    return outfile;
  };
  const sdkLoop = await bundle('sdkLoop.ts', path.join(CACHE, 'sdk-loop.js'), true);
  const inProcessScript = await bundle('inProcessExport.ts', path.join(CACHE, 'in-process-export.js'), true);
  const latencyProxyScript = await bundle('latencyProxy.ts', path.join(CACHE, 'latency-proxy.js'));
  const activationScript = await bundle('activation.ts', path.join(CACHE, 'activation.js'));
  const logsServerScript = await bundle('logsServer.ts', path.join(CACHE, 'logs-server.js'));
  const healthServerScript = await bundle('healthServer.ts', path.join(CACHE, 'health-server.js'));
  const s3ListServerScript = await bundle('s3ListServer.ts', path.join(CACHE, 's3-list-server.js'));
  const inventoryServerScript = await bundle('inventoryServer.ts', path.join(CACHE, 'inventory-server.js'));
  // DuckDB's native binding stays a package: the bundle in .bench-cache/ requires it from node_modules.
  const duckdbScript = path.join(CACHE, 'duckdb-inventory.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'duckdbInventory.ts')], outfile: duckdbScript, bundle: true, platform: 'node', format: 'cjs', target: 'node18',
    external: ['@duckdb/node-api'], logLevel: 'warning',
  });
  const cli = path.join(ROOT, 'dist', 'cli.js');
  // The in-process tree measurement uses the same fake credentials, and no ~/.aws.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_CONFIG_FILE: emptyFile, AWS_SHARED_CREDENTIALS_FILE: emptyFile,
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;

  /**
   * fauxqs persisted in `.bench-cache/<name>`, seeded once. The tree's data has a store of its own: fauxqs lists a
   * bucket by going through every key it holds, so its 100,000 keys beside the export data would slow every S3 row.
   */
  const persistedFauxqs = (name: string, seed: (endpoint: string, dataDir: string) => Promise<boolean>) => new Server(name, async () => {
    const dataDir = path.join(CACHE, name);
    fs.mkdirSync(dataDir, { recursive: true });
    let emulator = await startEmulatorProcess(dataDir);
    try {
      if (await seed(emulator.endpoint, dataDir)) {
        // Measure against a freshly started emulator, as every later run does.
        await emulator.stop();
        emulator = await startEmulatorProcess(dataDir);
      }
      return emulator;
    } catch (error) {
      await emulator.stop();
      throw error;
    }
  });
  const fauxqs = persistedFauxqs('fauxqs', (endpoint, dataDir) => seedOnce(endpoint, dataDir, say));
  const fauxqsTree = persistedFauxqs('fauxqs-tree', (endpoint, dataDir) => seedTreeOnce(endpoint, dataDir, say));
  const dynalite = new Server('dynalite', async () => {
    const server = await startDynaliteProcess();
    try {
      await seedDynamo(server.endpoint, say);
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  });
  const latency = (upstream: Server) => new Server(`${upstream.name} behind the latency proxy`,
    () => startServerProcess([latencyProxyScript, upstream.endpoint, String(LATENCY_MS)]), [upstream], LATENCY_MS);
  const proxy = latency(fauxqs);
  const treeProxy = latency(fauxqsTree);
  const dynaliteProxy = latency(dynalite);
  // This project's CloudWatch Logs stand-in (there is no emulator), seeded in memory as it starts.
  const logs = new Server('the CloudWatch Logs stand-in', () => startServerProcess([logsServerScript]));
  // This project's AWS Health stand-in (there is no emulator), seeded in memory as it starts.
  const health = new Server('the AWS Health stand-in', () => startServerProcess([healthServerScript]));
  // ListObjectsV2 over synthetic buckets of 100,000 and 1,000,000 keys (fauxqs reads every key it holds for each page).
  const synthetic = new Server('the S3 listing server (synthetic buckets)', () => startServerProcess([s3ListServerScript]));
  // S3 Inventory reports on disk, generated once (the selected ones), served by a server of the benchmark's own.
  const inventory = new Server('the S3 Inventory report server (reports on disk)', async () => {
    await generateInventoryOnce(INVENTORY_IDS.filter((id) => selected(`inventory-${id}`)), say);
    return startServerProcess([inventoryServerScript, INVENTORY_DIR, JSON.stringify(inventoryConfigurations())]);
  });
  // Stopped in this order: the proxies before what they forward to.
  const servers = [proxy, treeProxy, dynaliteProxy, fauxqs, fauxqsTree, dynalite, logs, health, synthetic, inventory];
  try {
    const env = (endpoint: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH, HOME: path.join(CACHE, 'home'), LANG: 'C.UTF-8',
      AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: endpoint, AWS_CONFIG_FILE: emptyFile, AWS_SHARED_CREDENTIALS_FILE: emptyFile, AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    // rclone: configured from the environment; AWS_CA_BUNDLE is not passed (rclone fails on it).
    const rcloneEnv = (endpoint: string): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH, HOME: path.join(CACHE, 'home'), RCLONE_CONFIG: emptyFile,
      RCLONE_CONFIG_BENCH_TYPE: 's3', RCLONE_CONFIG_BENCH_PROVIDER: 'Other', RCLONE_CONFIG_BENCH_ENDPOINT: endpoint,
      RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: 'AKIDBENCH', RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: 'bench-secret', RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
    });
    const jsonLines = (out: string) => countLines(out);
    const exporter = (list: string, parallel: number, server: Server, name: string, reference = false, extra: { pageSize?: number } = {}): Contender => ({
      name, reference, server, count: jsonLines, sameBytesAs: 'jsonl', ...(parallel > 1 ? { requests: parallelRequests(list, extra.pageSize ?? 1000) } : {}),
      command: (out) => ({
        file: NODE, env: env(server.endpoint),
        args: [cli, list, '--out', out, '--parallel', String(parallel), '--page-size', String(extra.pageSize ?? 1000),
          '--restart', '--state-dir', path.join(CACHE, 'state')],
      }),
    });
    const sdk = (args: readonly string[], server: Server): Contender => ({
      name: 'plain SDK v3 paginator loop', server, count: jsonLines, sameBytesAs: 'jsonl',
      command: (out) => ({ file: NODE, env: env(server.endpoint), args: [sdkLoop, ...args, out] }),
    });
    const awsCli = (args: readonly string[], field: string, server: Server): Contender => ({
      name: `AWS CLI ${args.slice(0, 2).join(' ')}`, server, tool: AWS,
      count: (out) => ((JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown[]>)[field] ?? []).length,
      command: (out) => ({ file: AWS, env: env(server.endpoint), stdout: out, args: [...args, '--output', 'json', '--endpoint-url', server.endpoint] }),
    });
    const rclone = (bucket: string, flags: readonly string[], server: Server): Contender => ({
      name: `rclone lsjson -R${flags.length ? ` ${flags.join(' ')}` : ''}`, server, tool: RCLONE,
      count: (out) => (JSON.parse(fs.readFileSync(out, 'utf8')) as Array<{ IsDir: boolean }>).filter((e) => !e.IsDir).length,
      command: (out) => ({ file: 'rclone', env: rcloneEnv(server.endpoint), stdout: out, args: ['lsjson', '-R', ...flags, `bench:${bucket}`] }),
    });
    const dynamoAwsCli = (table: string, server: Server): Contender => ({
      name: 'AWS CLI dynamodb scan', server, tool: AWS,
      count: (out) => (JSON.parse(fs.readFileSync(out, 'utf8')) as { Items?: unknown[] }).Items?.length ?? 0,
      command: (out) => ({
        file: AWS, env: env(server.endpoint), stdout: out,
        args: ['dynamodb', 'scan', '--table-name', table, '--page-size', '1000', '--output', 'json', '--endpoint-url', server.endpoint],
      }),
    });
    // A parallel scan writes the segments one after the other: the same lines as a sequential export, not the same order.
    const segmented = (contender: Contender): Contender => ({ ...contender, sameLinesOnly: true });
    const items = (table: string) => `dynamodb:table/${table}`;
    const big = `s3://${DATA.big.bucket}/`;
    const small = `s3://${DATA.small.bucket}/`;
    const logGroup = (group: string) => `logs:group/${group}`;
    const logsNote = `The server is this project's CloudWatch Logs stand-in (\`test/support/logsStandIn.ts\`, served by `
      + '`scripts/bench/logsServer.ts` in a process of its own), not AWS: there is no Logs emulator, and the service\'s own time per request is not '
      + `measured. It is seeded in memory as it starts: ${logsBig.streams} streams a group, messages of 50–78 bytes (so that a page of `
      + `${LOGS_PAGE_SIZE.toLocaleString('en-US')} stays within the 1 MB a page may hold), timestamps over the last day; its scan budget is `
      + `${LOGS_PAGE_SIZE.toLocaleString('en-US')} events a request, so every page holds \`limit\` events. Both contenders search the whole group `
      + '(no pattern, no time range), one request at a time.';
    const state = path.join(CACHE, 'state');
    const readText = (file: string) => fs.readFileSync(file, 'utf8');
    const summarizer = (bucket: string, server: Server, parallel = 1): Contender => ({
      name: `paged-aws-export summarize${parallel > 1 ? ` --parallel ${parallel}` : ''}`, reference: parallel === 1, server,
      count: (out) => (JSON.parse(readText(out)) as { items: number }).items,
      command: (out) => ({
        file: NODE, env: env(server.endpoint),
        args: [cli, 'summarize', `s3://${bucket}/`, '--json', '--top', '100', '--out', out, '--page-size', '1000', '--parallel', String(parallel), '--restart', '--state-dir', state],
      }),
    });
    const finder = (bucket: string, pattern: string, server: Server, parallel = 1): Contender => ({
      name: `paged-aws-export find ${pattern}${parallel > 1 ? ` --parallel ${parallel}` : ''}`, reference: parallel === 1, server, count: jsonLines,
      command: (out) => ({
        file: NODE, env: env(server.endpoint),
        args: [cli, 'find', `s3://${bucket}/`, pattern, '--format', 'jsonl', '--out', out, '--page-size', '1000', '--parallel', String(parallel), '--restart', '--state-dir', state],
      }),
    });
    const sdkCount = (bucket: string, server: Server, keys: number): Contender => ({
      name: 'plain SDK v3 loop that only counts', server, items: keys, count: (out) => (JSON.parse(readText(out)) as { items: number }).items,
      command: (out) => ({ file: NODE, env: env(server.endpoint), args: [sdkLoop, 's3-count', bucket, out] }),
    });
    const awsSummarize = (bucket: string, server: Server): Contender => ({
      name: 'AWS CLI s3 ls --recursive --summarize', server, tool: AWS, count: (out) => Number(/Total Objects: (\d+)/.exec(readText(out))?.[1] ?? -1),
      command: (out) => ({ file: AWS, env: env(server.endpoint), stdout: out, args: ['s3', 'ls', `s3://${bucket}`, '--recursive', '--summarize', '--endpoint-url', server.endpoint] }),
    });
    const syntheticNote = 'The server is `scripts/bench/s3ListServer.ts`: ListObjectsV2 as the API reference describes it, over keys made from their '
      + 'index (`p-000/k-000000.csv`…, sizes on a log scale up to 4 GB, five storage classes, three years of times), in a process of its own. fauxqs reads '
      + 'every key it holds for each page, so a million-key listing there would measure the emulator. Goals (issue 21): the summary ≥ 3× faster than '
      + '`aws s3 ls --recursive --summarize`, its CPU within 1.2× of the loop that only counts, its peak RSS the same at 100,000 and 1,000,000 keys '
      + '(< 10 MB apart); a find the same.';
    const findPattern = 'k-000042';
    const findMatches = (id: SyntheticId) => syntheticMatches(id, (key) => key.includes(findPattern));
    const syntheticScenarios = (['100k', '1m'] as const).flatMap((id) => {
      const { bucket, prefixes, perPrefix } = SYNTHETIC[id];
      const keys = prefixes * perPrefix;
      return [
        {
          id: `summarize-${id}`, title: `Summarize: ${keys.toLocaleString('en-US')} S3 keys in ${prefixes} folders (synthetic ListObjectsV2), page size 1000`,
          note: syntheticNote, items: keys,
          contenders: [summarizer(bucket, synthetic), summarizer(bucket, synthetic, 8), sdkCount(bucket, synthetic, keys), awsSummarize(bucket, synthetic)],
        },
        {
          id: `find-${id}`, title: `Find: the keys containing "${findPattern}" among ${keys.toLocaleString('en-US')} S3 keys (synthetic ListObjectsV2), every page read`,
          note: syntheticNote, items: findMatches(id),
          contenders: [finder(bucket, findPattern, synthetic), finder(bucket, findPattern, synthetic, 8), sdkCount(bucket, synthetic, keys)],
        },
      ];
    });
    const inventoryNote = 'The server is `scripts/bench/inventoryServer.ts`, in a process of its own: the S3 calls of a report\'s export answered from '
      + 'files on disk (the tests\' inventory configuration stand-in, `test/support/s3InventoryStandIn.ts`; ListObjectsV2 of the report folders; GetObject '
      + 'of manifest.json, manifest.checksum and the data files, Parquet in byte ranges). The reports are written once into .bench-cache/inventory/ by the '
      + `tests' generator (\`test/support/inventoryReports.ts\`): data files of 1,000,000 rows (current versions: Bucket, Key, Size, LastModifiedDate, ETag, `
      + `StorageClass; Parquet with Snappy, row groups of ${ROW_GROUP_SIZE.toLocaleString('en-US')} rows). The exporter reads the newest report of `
      + '`s3-inventory://bench-inventory/ID` (configuration, report folders, manifest and its checksum, every data file with its MD5) and writes JSON Lines, '
      + `a checkpoint (and an fsync) a page of 10,000 rows. DuckDB (\`@duckdb/node-api\` ${packageVersion('@duckdb/node-api')}) reads the same data files from the disk `
      + '(no HTTP, manifest or MD5) and writes JSON Lines '
      + '(`COPY … TO … (FORMAT JSON)`) on every core: `SELECT *` of the files as they are, and the exporter\'s records (`url_decode` of the keys, '
      + '`s3Uri`, …), whose file must be the exporter\'s byte for byte.';
    const inventoryScenarios = INVENTORY_IDS.map((id) => {
      const report = INVENTORY_REPORTS[id];
      const format = report.format === 'CSV' ? 'csv' : 'parquet';
      const inventoryDate = String(expectedRecord(report, 0).inventoryDate);
      const duckdb = (mode: 'star' | 'records'): Contender => ({
        name: mode === 'star' ? 'DuckDB: SELECT * → JSON' : 'DuckDB: the exporter\'s records → JSON', server: inventory, count: jsonLines,
        ...(mode === 'records' ? { sameBytesAs: 'jsonl' } : {}),
        command: (out) => ({ file: NODE, env: env(inventory.endpoint), args: [duckdbScript, format, mode, report.sourceBucket, inventoryDate, out, ...dataFilesOf(id)] }),
      });
      return {
        id: `inventory-${id}`, runs: report.rows > 1_000_000 ? Math.min(RUNS, INVENTORY_10M_RUNS) : RUNS, removeOutputs: true,
        title: `S3 Inventory: a ${report.format === 'CSV' ? 'CSV.gz' : 'Parquet'} report of ${report.rows.toLocaleString('en-US')} objects in ${report.files} data file${report.files > 1 ? 's' : ''}, `
          + 'to JSON Lines (page size 10,000), against DuckDB reading the same files',
        note: inventoryNote, items: report.rows,
        contenders: [
          {
            ...exporter(inventoryList(id), 1, inventory, 'paged-aws-export (page size 10,000)', true, { pageSize: 10_000 }),
            verify: (out: string) => {
              const [first, last] = edgeLines(out);
              for (const [line, index] of [[first, 0], [last, report.rows - 1]] as const) {
                if (line !== JSON.stringify(expectedRecord(report, index))) {
                  throw new Error(`${out}: row ${index} is ${line}, expected ${JSON.stringify(expectedRecord(report, index))}`);
                }
              }
            },
          },
          duckdb('star'),
          duckdb('records'),
        ],
      };
    });
    const scenarios: Array<{ id: string; title: string; note?: string; items: number; contenders: Contender[]; runs?: number; removeOutputs?: boolean }> = [
      {
        id: 's3-100k', title: `S3 ListObjectsV2: ${bigKeys.toLocaleString('en-US')} keys in ${DATA.big.prefixes} top-level prefixes, page size 1000`, items: bigKeys,
        contenders: [
          exporter(big, 1, fauxqs, 'paged-aws-export (sequential)', true),
          exporter(big, 8, fauxqs, 'paged-aws-export --parallel 8'),
          sdk(['s3', DATA.big.bucket], fauxqs),
          awsCli(['s3api', 'list-objects-v2', '--bucket', DATA.big.bucket, '--page-size', '1000'], 'Contents', fauxqs),
          rclone(DATA.big.bucket, ['--use-server-modtime'], fauxqs),
          // Parts of 313 keys at 10k come back in pages of 313: the same page size here compares like with like.
          exporter(big, 8, fauxqs, 'paged-aws-export --parallel 8 --page-size 313', false, { pageSize: 313 }),
        ],
      },
      {
        id: 'startup', title: 'Process start-up and one request: 10 keys (s3://bench-10k/p-00/k-0000), for the net listing times below', items: 10,
        contenders: [
          exporter(`s3://${DATA.small.bucket}/p-00/k-0000`, 1, fauxqs, 'paged-aws-export (sequential)', true),
          exporter(`s3://${DATA.small.bucket}/p-00/k-0000`, 8, fauxqs, 'paged-aws-export --parallel 8'),
        ],
      },
      {
        id: 'sns-5000', title: `SNS ListTopics: ${DATA.topics.toLocaleString('en-US')} topics (pages of 100, fixed by the service)`, items: DATA.topics,
        contenders: [
          exporter('sns:topics', 1, fauxqs, 'paged-aws-export', true),
          sdk(['sns'], fauxqs),
          awsCli(['sns', 'list-topics'], 'Topics', fauxqs),
        ],
      },
      {
        id: 'sns-5000-latency', title: `SNS ListTopics: ${DATA.topics.toLocaleString('en-US')} topics through the fault proxy adding ${LATENCY_MS} ms to every request`, items: DATA.topics,
        contenders: [
          exporter('sns:topics', 1, proxy, 'paged-aws-export', true),
          sdk(['sns'], proxy),
        ],
      },
      {
        id: 's3-10k', title: `S3 ListObjectsV2: ${smallKeys.toLocaleString('en-US')} keys in ${DATA.small.prefixes} prefixes (memory at 10,000 keys)`, items: smallKeys,
        contenders: [
          exporter(small, 1, fauxqs, 'paged-aws-export (sequential)', true),
          exporter(small, 8, fauxqs, 'paged-aws-export --parallel 8'),
          sdk(['s3', DATA.small.bucket], fauxqs),
          awsCli(['s3api', 'list-objects-v2', '--bucket', DATA.small.bucket, '--page-size', '1000'], 'Contents', fauxqs),
          rclone(DATA.small.bucket, [], fauxqs),
        ],
      },
      {
        id: 's3-100k-latency', title: `S3, ${bigKeys.toLocaleString('en-US')} keys, through the fault proxy adding ${LATENCY_MS} ms to every request`, items: bigKeys,
        contenders: [
          exporter(big, 1, proxy, 'paged-aws-export (sequential)', true),
          exporter(big, 8, proxy, 'paged-aws-export --parallel 8'),
          sdk(['s3', DATA.big.bucket], proxy),
        ],
      },
      {
        id: 's3-10k-latency', title: `S3, ${smallKeys.toLocaleString('en-US')} keys in ${DATA.small.prefixes} prefixes, page size 100, through the fault proxy adding ${LATENCY_MS} ms to every request`,
        items: smallKeys,
        contenders: [
          exporter(small, 1, proxy, 'paged-aws-export (sequential)', true, { pageSize: 100 }),
          exporter(small, 8, proxy, 'paged-aws-export --parallel 8', false, { pageSize: 100 }),
          sdk(['s3', DATA.small.bucket, '100'], proxy),
        ],
      },
      {
        id: 'dynamodb-100k', title: `DynamoDB Scan: ${DATA.dynamodb.big.items.toLocaleString('en-US')} items (dynalite), page size (Limit) 1000, DynamoDB JSON`,
        items: DATA.dynamodb.big.items,
        contenders: [
          exporter(items(DATA.dynamodb.big.table), 1, dynalite, 'paged-aws-export (sequential)', true),
          segmented(exporter(items(DATA.dynamodb.big.table), 8, dynalite, 'paged-aws-export --parallel 8')),
          sdk(['dynamodb', DATA.dynamodb.big.table, '1000'], dynalite),
          dynamoAwsCli(DATA.dynamodb.big.table, dynalite),
        ],
      },
      {
        id: 'dynamodb-10k', title: `DynamoDB Scan: ${DATA.dynamodb.small.items.toLocaleString('en-US')} items (memory at 10,000 items)`, items: DATA.dynamodb.small.items,
        contenders: [
          exporter(items(DATA.dynamodb.small.table), 1, dynalite, 'paged-aws-export (sequential)', true),
          segmented(exporter(items(DATA.dynamodb.small.table), 8, dynalite, 'paged-aws-export --parallel 8')),
          sdk(['dynamodb', DATA.dynamodb.small.table, '1000'], dynalite),
        ],
      },
      {
        id: 'logs-100k',
        title: `CloudWatch Logs FilterLogEvents: ${logsBig.events.toLocaleString('en-US')} events (this project's stand-in, not AWS), limit ${LOGS_PAGE_SIZE.toLocaleString('en-US')}`,
        note: logsNote, items: logsBig.events,
        contenders: [
          exporter(logGroup(logsBig.group), 1, logs, 'paged-aws-export', true, { pageSize: LOGS_PAGE_SIZE }),
          sdk(['logs', logsBig.group, String(LOGS_PAGE_SIZE)], logs),
        ],
      },
      {
        id: 'health-10k',
        title: `AWS Health DescribeEvents: ${HEALTH_EVENTS.toLocaleString('en-US')} events (this project's stand-in, not AWS), maxResults 100, the newest update first`,
        note: 'The server is this project\'s AWS Health stand-in (`test/support/healthStandIn.ts`, served by `scripts/bench/healthServer.ts` in a process of its own): '
          + 'no emulator exists. The exporter freezes the set at its start (`lastUpdatedTimes` up to then), writes each event once (its keys kept beside the '
          + 'output with the checkpoint), and then asks once for the events updated meanwhile (none here): one request more than the loop.',
        items: HEALTH_EVENTS,
        contenders: [
          exporter('health:events', 1, health, 'paged-aws-export', true, { pageSize: 100 }),
          sdk(['health', '100'], health),
        ],
      },
      {
        id: 'logs-10k',
        title: `CloudWatch Logs FilterLogEvents: ${logsSmall.events.toLocaleString('en-US')} events (this project's stand-in, not AWS; memory at 10,000 events), limit ${LOGS_PAGE_SIZE.toLocaleString('en-US')}`,
        note: logsNote, items: logsSmall.events,
        contenders: [
          exporter(logGroup(logsSmall.group), 1, logs, 'paged-aws-export', true, { pageSize: LOGS_PAGE_SIZE }),
          sdk(['logs', logsSmall.group, String(LOGS_PAGE_SIZE)], logs),
        ],
      },
      ...syntheticScenarios,
      ...inventoryScenarios,
    ];

    const known = [...scenarios.map((scenario) => scenario.id), ...SECTIONS];
    const unknown = (ONLY ?? []).filter((only) => !known.some((id) => id === only || id.startsWith(`${only}-`)));
    if (unknown.length) {
      throw new Error(`BENCH_ONLY: ${unknown.join(', ')} names no part of the benchmark (ids: ${known.join(', ')})`);
    }
    const chosen = scenarios.filter((scenario) => selected(scenario.id));
    const section = (id: (typeof SECTIONS)[number]) => selected(id);
    if (ONLY) {
      say(`BENCH_ONLY=${ONLY.join(',')}: ${[...chosen.map((scenario) => scenario.id), ...SECTIONS.filter(section)].join(', ')} (docs/benchmarks.md is left as it is)`);
    }
    const needed = new Set<Server>(chosen.flatMap((scenario) => scenario.contenders.map((contender) => contender.server)));
    if (section('in-process')) {
      [proxy, dynaliteProxy].forEach((server) => needed.add(server));
    }
    if (section('tree') || section('soak')) {
      needed.add(fauxqs);
    }
    if (section('workbench')) {
      [treeProxy, dynalite].forEach((server) => needed.add(server));
    }
    // The inventory rows are set beside the live listing: its request time is measured on the synthetic listing server.
    const inventoryChosen = chosen.some((scenario) => scenario.id.startsWith('inventory-'));
    if (inventoryChosen) {
      needed.add(synthetic);
    }
    ensureTools(new Set(chosen.flatMap((scenario) => scenario.contenders.flatMap((contender) => (contender.tool ? [contender.tool] : [])))));
    for (const server of needed) {
      say(`starting ${server.name}…`);
      await server.start();
    }

    const results: Scenario[] = [];
    for (const scenario of chosen) {
      const runs = scenario.runs ?? RUNS;
      say(`\n${scenario.title}: ${scenario.contenders.length} contenders × ${runs} runs, alternating`);
      const samples = scenario.contenders.map(() => [] as Array<Sample & { serverCpuSeconds: number }>);
      const outputs = scenario.contenders.map((c, i) => path.join(CACHE, 'out', `${scenario.id}-${i}.${c.sameBytesAs ? 'jsonl' : 'json'}`));
      for (let runIndex = 0; runIndex < runs; runIndex++) {
        for (const [i, contender] of scenario.contenders.entries()) {
          const serverCpu = () => contender.server.pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
          const before = serverCpu();
          const sample = { ...await measure(contender.command(outputs[i])), serverCpuSeconds: 0 };
          sample.serverCpuSeconds = serverCpu() - before;
          samples[i].push(sample);
          say(`  run ${runIndex + 1} ${contender.name}: ${sample.seconds.toFixed(2)} s, CPU ${sample.cpuSeconds.toFixed(2)} s, ${sample.rssMb.toFixed(0)} MB`);
          if (runIndex === 0) {
            const count = contender.count(outputs[i]);
            if (count !== (contender.items ?? scenario.items)) {
              throw new Error(`${contender.name} listed ${count} items, expected ${contender.items ?? scenario.items}`);
            }
            contender.verify?.(outputs[i]);
          }
        }
      }
      const reference = scenario.contenders.findIndex((c) => c.reference);
      const sortedLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').sort().join('\n');
      const identical = scenario.contenders.every((c, i) => !c.sameBytesAs
        || (c.sameLinesOnly ? sortedLines(outputs[i]) === sortedLines(outputs[reference]) : sameBytes(outputs[i], outputs[reference])));
      if (scenario.removeOutputs) {
        outputs.forEach((file) => fs.rmSync(file, { force: true }));
      }
      const referenceSeconds = stats(samples[reference].map((s) => s.seconds)).median;
      results.push({
        id: scenario.id, title: scenario.title, ...(scenario.note ? { note: scenario.note } : {}), items: scenario.items, identicalJsonLines: identical,
        ...(scenario.runs !== undefined && scenario.runs !== RUNS ? { runs: scenario.runs } : {}),
        latencyMs: scenario.contenders[reference].server.addedLatencyMs,
        rows: scenario.contenders.map((c, i) => {
          const seconds = stats(samples[i].map((s) => s.seconds));
          return {
            name: c.name, reference: c.reference ?? false, seconds, rssMb: stats(samples[i].map((s) => s.rssMb)), cpuSeconds: stats(samples[i].map((s) => s.cpuSeconds)),
            serverCpuSeconds: stats(samples[i].map((s) => s.serverCpuSeconds)), ...(c.requests ? { requests: c.requests } : {}),
            itemsPerSecond: scenario.items / seconds.median, relative: seconds.median / referenceSeconds,
          };
        }),
      });
    }

    let inventoryFigures: Report['inventory'] = undefined;
    if (inventoryChosen) {
      say('\nthe live listing the inventory rows stand in for: ListObjectsV2 requests of 1,000 keys through the SDK, on the synthetic listing server…');
      const listPage = await measureListPage(synthetic.endpoint, synthetic.process.pid, RUNS);
      say(`  ${listPage.pages} requests: median ${listPage.pageMs.median.toFixed(2)} ms (${listPage.pageMs.min.toFixed(2)}–${listPage.pageMs.max.toFixed(2)}); `
        + `CPU a request: ${listPage.clientCpuMs.toFixed(1)} ms the SDK's, ${listPage.serverCpuMs.toFixed(1)} ms the server's`);
      inventoryFigures = {
        listPage,
        reports: INVENTORY_IDS.filter((id) => selected(`inventory-${id}`)).map((id) => {
          const { format, rows, files } = INVENTORY_REPORTS[id];
          return { id: `inventory-${id}`, format, rows, files, bytes: reportBytes(id) };
        }),
      };
    }

    const inProcess: InProcessRow[] = [];
    if (section('in-process')) {
      say(`\nexports inside one long-lived process (as in VS Code), through the fault proxy adding ${LATENCY_MS} ms…`);
      for (const [label, list, pageSize, upstream, through] of [
        [`S3: ${smallKeys.toLocaleString('en-US')} keys in ${DATA.small.prefixes} prefixes, page size 100`, small, 100, fauxqs, proxy],
        [`S3: ${bigKeys.toLocaleString('en-US')} keys in ${DATA.big.prefixes} prefixes, page size 1000`, big, 1000, fauxqs, proxy],
        [`DynamoDB: ${DATA.dynamodb.small.items.toLocaleString('en-US')} items, page size 100, parallel scan of 8 segments`, items(DATA.dynamodb.small.table), 100, dynalite, dynaliteProxy],
        [`DynamoDB: ${DATA.dynamodb.big.items.toLocaleString('en-US')} items, page size 1000, parallel scan of 8 segments`, items(DATA.dynamodb.big.table), 1000, dynalite, dynaliteProxy],
      ] as const) {
        const dir = path.join(CACHE, 'out', `in-process-${list.replace(/\W+/g, '-')}-${pageSize}`);
        fs.mkdirSync(dir, { recursive: true });
        const { stdout: output } = await execFileAsync(NODE,
          [inProcessScript, through.endpoint, list, String(pageSize), String(RUNS), dir, `${upstream.process.pid},${through.process.pid}`],
          { encoding: 'utf8', env: env(through.endpoint) });
        const { sequential, parallel, identical, sameLines } = JSON.parse(output) as { sequential: InProcessRun; parallel: InProcessRun; identical: boolean; sameLines: boolean };
        const cores = os.cpus().length;
        inProcess.push({
          label, sequential: stats(sequential.seconds), parallel: stats(parallel.seconds), identical, sameLines,
          // The machine's limits for the parallel run: all the CPU work of the sequential run (exporter, emulator,
          // proxy) spread over every core; and its requests, 8 at a time, each at least the added latency.
          cpuLimitSeconds: (stats(sequential.cpuSeconds).median + stats(sequential.serverCpuSeconds).median) / cores,
          latencyLimitSeconds: (parallel.pages / 8) * (LATENCY_MS / 1000),
          parallelCpuSeconds: stats(parallel.cpuSeconds).median,
        });
        say(`  ${label}: sequential ${stats(sequential.seconds).median.toFixed(2)} s, --parallel 8 ${stats(parallel.seconds).median.toFixed(2)} s`);
      }
    }

    let tree: Report['tree'] = undefined;
    if (section('tree')) {
      say('\ntree model: first pages and Load more…');
      tree = await measureTree(fauxqs.endpoint, RUNS);
    }

    let resourceExplorer: Report['resourceExplorer'] = undefined;
    if (section('resource-explorer')) {
      say(`\nResource Explorer: every match of a plain search over ${RESOURCES.toLocaleString('en-US')} resources, past the 1,000 cap…`);
      resourceExplorer = await measureResourceExplorer(RUNS, LATENCY_MS, say);
    }

    let soakRows: SoakRow[] | undefined;
    if (section('soak')) {
      soakRows = [];
      for (const [parallel, seed] of [[1, 20261205], [8, 20261206]] as const) {
        say(`\nsoak: ${bigKeys.toLocaleString('en-US')} S3 keys, ${parallel > 1 ? `--parallel ${parallel}` : 'sequential'}, SIGKILLed ${SOAK_KILLS} times (seed ${seed})…`);
        soakRows.push(await soak({
          node: NODE, cli, env: env(fauxqs.endpoint), list: `s3://${DATA.big.bucket}/`, keys: prefixedKeys(DATA.big.prefixes, DATA.big.perPrefix),
          parallel, kills: SOAK_KILLS, seed, dir: path.join(CACHE, 'soak'), say,
        }));
      }
    }

    let workbench: Report['workbench'] = undefined;
    if (section('workbench')) {
      say(`\nthe tree in code-server: Load All, the extension host's memory (fauxqs behind ${LATENCY_MS} ms of latency)…`);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-bench-workbench-'));
      try {
        const config: WorkbenchConfig = {
          codeServerEntry: await ensureCodeServer(), vsix, tmp, fauxqs: treeProxy.endpoint, dynalite: dynalite.endpoint,
          env: { AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: emptyFile, AWS_SHARED_CREDENTIALS_FILE: emptyFile },
          rows: { bucket: TREE_DATA.rows.bucket, keys: TREE_DATA.rows.keys, lastKey: rowKeys().at(-1)! },
          topics: TREE_DATA.topics, queues: TREE_DATA.queues, table: { name: DATA.dynamodb.small.table, items: DATA.dynamodb.small.items }, pageSize: 100,
        };
        const { stdout: output } = await execFileAsync(NODE, ['--import', 'tsx', path.join(__dirname, 'workbench.ts'), JSON.stringify(config)], {
          encoding: 'utf8', cwd: ROOT, maxBuffer: 16 * 2 ** 20, env: { ...process.env, PATH: process.env.PATH },
        }).catch((error: { stderr?: string }) => {
          throw new Error(`the workbench part failed:\n${error.stderr ?? String(error)}`);
        });
        workbench = JSON.parse(output.trim().split('\n').at(-1)!) as WorkbenchFigures;
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    }

    let startup: Report['startup'] = undefined;
    if (section('activation')) {
      say('activation: require + activate of dist/extension.js in fresh processes…');
      const activation: number[] = [];
      const requireOnly: number[] = [];
      for (let i = 0; i < RUNS * 2; i++) {
        const output = execFileSync(NODE, [activationScript, path.join(ROOT, 'dist', 'extension.js')], { encoding: 'utf8', cwd: ROOT });
        const { requireMs, activateMs } = JSON.parse(output) as { requireMs: number; activateMs: number };
        activation.push(requireMs + activateMs);
        requireOnly.push(requireMs);
      }
      startup = {
        vsixBytes: fs.statSync(vsix).size, bundleBytes: fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size,
        sdkBundleBytes: fs.statSync(path.join(ROOT, 'dist', 'awsSdk.js')).size,
        activationMs: stats(activation), requireMs: stats(requireOnly),
      };
    }

    const report: Report = {
      date: started.toISOString(), runs: RUNS, latencyMs: LATENCY_MS, machine: machine(), versions: versions(), scenarios: results, inProcess, tree, resourceExplorer, inventory: inventoryFigures, ...(soakRows ? { soak: { rows: soakRows, kills: SOAK_KILLS } } : {}), workbench, startup,
      ...(ONLY ? { only: ONLY.join(',') } : {}),
    };
    const { console: table, markdown } = render(report);
    process.stdout.write(`${table}\n`);
    if (ONLY) {
      say(`BENCH_ONLY=${ONLY.join(',')}: a partial run, docs/benchmarks.md not written (a full run, without BENCH_ONLY, writes it)`);
    } else {
      fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
      fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), markdown);
      say('written to docs/benchmarks.md');
    }
  } finally {
    for (const server of servers) {
      await server.stop();
    }
  }
}

/**
 * The requests of a parallel export of a bench bucket: one listing of its top-level folders, then each folder's keys in
 * pages. Undefined for other lists (a parallel scan's segments are uneven: its in-process row counts them).
 */
function parallelRequests(list: string, pageSize: number): number | undefined {
  const bucket = [DATA.big, DATA.small].find((data) => list === `s3://${data.bucket}/`);
  return bucket && 1 + bucket.prefixes * Math.ceil(bucket.perPrefix / pageSize);
}

/** Lines of a file, read a chunk at a time (an inventory row's output is ~3 GB, past what one read may hold). */
function countLines(file: string): number {
  let count = 0;
  const chunk = Buffer.alloc(4 * 2 ** 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let read; (read = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
      for (let at = chunk.indexOf(10); at >= 0 && at < read; at = chunk.indexOf(10, at + 1)) {
        count++;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return count;
}

/** Whether two files hold the same bytes, compared a chunk at a time. */
function sameBytes(a: string, b: string): boolean {
  if (fs.statSync(a).size !== fs.statSync(b).size) {
    return false;
  }
  const [left, right] = [Buffer.alloc(4 * 2 ** 20), Buffer.alloc(4 * 2 ** 20)];
  const [fa, fb] = [fs.openSync(a, 'r'), fs.openSync(b, 'r')];
  try {
    for (;;) {
      const read = fs.readSync(fa, left, 0, left.length, null);
      if (read === 0) {
        return true;
      }
      // Same sizes: the other file has as many bytes there (a short read is read on).
      let got = 0;
      while (got < read) {
        const more = fs.readSync(fb, right, got, read - got, null);
        if (more === 0) {
          return false;
        }
        got += more;
      }
      if (!left.subarray(0, read).equals(right.subarray(0, read))) {
        return false;
      }
    }
  } finally {
    fs.closeSync(fa);
    fs.closeSync(fb);
  }
}

/** The first and the last line of a file of lines (each shorter than 64 KB). */
function edgeLines(file: string): [string, string] {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 65_536));
    fs.readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, 65_536));
    fs.readSync(fd, tail, 0, tail.length, size - tail.length);
    const lines = tail.toString('utf8').replace(/\n$/, '').split('\n');
    return [head.toString('utf8').split('\n')[0], lines[lines.length - 1]];
  } finally {
    fs.closeSync(fd);
  }
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
  }
}

const AWS = '/usr/bin/aws';
const RCLONE = '/usr/bin/rclone';

/** GNU time, and the Debian AWS CLI and rclone where the selected scenarios run them; installed when missing (this machine runs as root). */
function ensureTools(used: ReadonlySet<string>): void {
  const missing = [[AWS, 'awscli'], [RCLONE, 'rclone'], ['/usr/bin/time', 'time']]
    .filter(([file]) => (file === '/usr/bin/time' || used.has(file)) && !fs.existsSync(file)).map(([, pkg]) => pkg);
  if (missing.length > 0) {
    say(`installing ${missing.join(', ')} (apt-get)…`);
    run('apt-get', ['install', '-y', ...missing]);
  }
}

function firstLine(command: string, args: readonly string[]): string {
  try {
    const result = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: path.join(CACHE, 'home') } });
    // A tool a partial run did not need is not installed.
    return result.error ? `${path.basename(command)}: not installed` : `${result.stdout}${result.stderr}`.trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

function packageVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function machine(): Report['machine'] {
  return {
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    memoryGb: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

function versions(): Report['versions'] {
  return {
    commit: firstLine('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    node: firstLine(NODE, ['--version']),
    sdk: `@aws-sdk/client-s3 ${packageVersion('@aws-sdk/client-s3')}, @aws-sdk/client-sns ${packageVersion('@aws-sdk/client-sns')}, @aws-sdk/client-dynamodb ${packageVersion('@aws-sdk/client-dynamodb')}, @aws-sdk/client-cloudwatch-logs ${packageVersion('@aws-sdk/client-cloudwatch-logs')}, @aws-sdk/client-health ${packageVersion('@aws-sdk/client-health')}, @aws-sdk/client-resource-explorer-2 ${packageVersion('@aws-sdk/client-resource-explorer-2')}`,
    emulator: `fauxqs ${packageVersion('fauxqs')} and dynalite ${packageVersion('dynalite')}`,
    awsCli: firstLine('/usr/bin/aws', ['--version']),
    rclone: firstLine('rclone', ['version']),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

export type { Stats };
