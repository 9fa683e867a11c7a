import { stats, type Stats } from './measure';
import { type TreeFigures } from './tree';
import { type ResourceExplorerFigures } from './resourceExplorer';
import { soaked, type SoakRow } from './soak';
import { type WorkbenchFigures } from './workbench';
import { type ListPageFigures } from './inventoryListing';

export interface Row {
  readonly name: string;
  readonly reference: boolean;
  readonly seconds: Stats;
  readonly rssMb: Stats;
  /** CPU time of the contender's process (user + system). */
  readonly cpuSeconds: Stats;
  /** CPU time of the server processes (emulator, latency proxy) during the contender's runs. */
  readonly serverCpuSeconds: Stats;
  /** Requests a parallel export sends, where the data decides them. */
  readonly requests?: number;
  readonly itemsPerSecond: number;
  /** Median time ÷ the median time of this project's exporter (above 1: slower than it). */
  readonly relative: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What the reader needs to know about the scenario beyond its title (its server, its data). */
  readonly note?: string;
  readonly items: number;
  /** Latency a proxy added to every request (0: straight to the server). */
  readonly latencyMs: number;
  readonly rows: readonly Row[];
  /** The exporters and the SDK loop wrote the same bytes. */
  readonly identicalJsonLines: boolean;
  /** Runs of each contender, where not the report's (the 10-million-row inventory rows run fewer). */
  readonly runs?: number;
}

/** The S3 Inventory rows' reports, and the live listing they stand in for. */
export interface InventoryFigures {
  /** One ListObjectsV2 request of 1,000 keys through the SDK on the synthetic listing server (127.0.0.1). */
  readonly listPage: ListPageFigures;
  /** The reports of the inventory scenarios run: `id` is the scenario's. */
  readonly reports: ReadonlyArray<{ readonly id: string; readonly format: string; readonly rows: number; readonly files: number; readonly bytes: number }>;
}

/** Sequential and parallel exports timed inside one long-lived process, as the extension runs them. */
export interface InProcessRow {
  readonly label: string;
  readonly sequential: Stats;
  readonly parallel: Stats;
  /** Both wrote the same bytes. */
  readonly identical: boolean;
  /** Both wrote the same lines (a parallel scan writes its segments one after the other). */
  readonly sameLines: boolean;
  /** The parallel run can be no faster than the CPU work of the sequential one spread over every core… */
  readonly cpuLimitSeconds: number;
  /** … nor than its requests, 8 at a time, each at least the added latency. */
  readonly latencyLimitSeconds: number;
  readonly parallelCpuSeconds: number;
}

/** Which limit binds a parallel row, and its time against it (1.0: the machine could do no better). */
export function againstLimit(row: InProcessRow): AgainstLimit {
  return bindingLimit(row.parallel.median, row.cpuLimitSeconds, row.latencyLimitSeconds);
}

interface AgainstLimit {
  readonly limit: number;
  readonly binds: string;
  readonly ratio: number;
}

/** The larger of the two limits binds; the ratio is the run's time against it. */
function bindingLimit(seconds: number, cpuLimit: number, latencyLimit: number): AgainstLimit {
  const cpu = cpuLimit >= latencyLimit;
  const limit = cpu ? cpuLimit : latencyLimit;
  return { limit, binds: cpu ? 'CPU' : 'latency', ratio: seconds / limit };
}

/**
 * A parallel command-line row against this machine's limits: the CPU work of the scenario's sequential export (its
 * process and the servers') spread over every core, and its requests 8 at a time, each at least the added latency.
 */
export function parallelAgainstLimit(scenario: Scenario, row: Row, cores: number): AgainstLimit | undefined {
  const sequential = scenario.rows.find((other) => other.reference);
  if (!sequential || !row.name.includes('--parallel')) {
    return undefined;
  }
  const cpuLimit = (sequential.cpuSeconds.median + sequential.serverCpuSeconds.median) / cores;
  const latencyLimit = ((row.requests ?? 0) / 8) * (scenario.latencyMs / 1000);
  return bindingLimit(row.seconds.median, cpuLimit, latencyLimit);
}

export function coresOf(report: Report): number {
  return Number(/× (\d+)$/.exec(report.machine.cpu)?.[1] ?? 1);
}

export interface Report {
  readonly date: string;
  readonly runs: number;
  readonly latencyMs: number;
  readonly machine: { readonly cpu: string; readonly memoryGb: number; readonly os: string; readonly loadAverage: string };
  readonly versions: { readonly commit: string; readonly node: string; readonly sdk: string; readonly emulator: string; readonly awsCli: string; readonly rclone: string };
  readonly scenarios: readonly Scenario[];
  readonly inProcess: readonly InProcessRow[];
  /** Absent when a partial run (BENCH_ONLY) left the section out; so are the in-process rows (empty). */
  readonly tree?: TreeFigures;
  /** Resource Explorer's export past the cap (absent when a partial run left it out). */
  readonly resourceExplorer?: ResourceExplorerFigures;
  /** The soak rows: exports killed again and again (absent when a partial run left them out). */
  readonly soak?: { readonly rows: readonly SoakRow[]; readonly kills: number };
  /** The tree in code-server (absent when a partial run left it out). */
  readonly workbench?: WorkbenchFigures;
  /** The S3 Inventory section (absent when no inventory row ran). */
  readonly inventory?: InventoryFigures;
  readonly startup?: { readonly vsixBytes: number; readonly bundleBytes: number; readonly sdkBundleBytes: number; readonly activationMs: Stats; readonly requireMs: Stats };
  /** BENCH_ONLY of a partial run (printed, never written to docs/benchmarks.md). */
  readonly only?: string;
}

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const range = (s: Stats, digits: number, unit = '') => `${n(s.median, digits)}${unit} (${n(s.min, digits)}–${n(s.max, digits)})`;

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function scenarioTable(scenario: Scenario, cores: number): string {
  return table(
    ['contender', 'time, s: median (min–max)', 'items/s (median)', 'time ÷ this project', 'CPU, s (median)', 'server CPU, s', 'peak RSS, MB: median (min–max)', '÷ machine limit'],
    scenario.rows.map((row) => {
      const against = parallelAgainstLimit(scenario, row, cores);
      return [
        row.reference ? `**${row.name}**` : row.name, range(row.seconds, 2), n(row.itemsPerSecond), `${n(row.relative, 2)}×`, n(row.cpuSeconds.median, 2),
        n(row.serverCpuSeconds.median, 2), range(row.rssMb, 0), against ? `${n(against.ratio, 2)}× (${against.binds}: ${n(against.limit, 2)} s)` : '',
      ];
    }),
  );
}

function find(report: Report, id: string, name: string): Row | undefined {
  return report.scenarios.find((s) => s.id === id)?.rows.find((r) => r.name === name || (name.endsWith('…') && r.name.startsWith(name.slice(0, -1))));
}

/** The goals of the performance issue, each with the figure that decides it. */
function goals(report: Report): string {
  const seq = (id: string) => find(report, id, 'paged-aws-export (sequential)');
  const par = (id: string) => find(report, id, 'paged-aws-export --parallel 8');
  const sdk = (id: string) => find(report, id, 'plain SDK…');
  const rows: string[][] = [];
  const check = (goal: string, measured: string, met: boolean) => rows.push([goal, measured, met ? 'yes' : '**no**']);
  const health = find(report, 'health-10k', 'paged-aws-export');
  const healthLoop = sdk('health-10k');
  if (health && healthLoop) {
    check('AWS Health export (frozen set, each event once, checkpoints) no slower than a plain paginateDescribeEvents loop, 10k events',
      `${n(health.seconds.median / healthLoop.seconds.median, 2)}× the loop's time`, health.seconds.median <= healthLoop.seconds.median);
  }
  if (report.resourceExplorer) {
    const re = report.resourceExplorer;
    check('Resource Explorer past the cap: Search requests ≤ 1.2× the fewest its split could have used', `${n(re.searches / re.fewest, 2)}× (${n(re.searches)} for ${n(re.fewest)})`,
      re.searches <= 1.2 * re.fewest && re.written === re.resources);
  }
  for (const row of report.soak?.rows ?? []) {
    check(`Soak: ${n(row.keys)} S3 keys (${row.mode}) SIGKILLed ${report.soak!.kills} times, resumed each time: byte for byte the uninterrupted file, nothing left`,
      `${n(row.kills)} kills, ${n(row.resumes)} resumes; ${n(row.lost)} lost, ${n(row.duplicated)} duplicated; ${row.identical ? 'identical' : '**not identical**'}; ${row.leftovers.length ? `left: ${row.leftovers.join(', ')}` : 'nothing left'}`,
      soaked(row, report.soak!.kills));
  }
  const s3 = seq('s3-100k');
  const loop = sdk('s3-100k');
  if (s3 && loop) {
    check('exporter (checkpoints + fsync) no slower than the plain SDK loop, S3 100k', `${n(s3.seconds.median / loop.seconds.median, 2)}× the loop's time`, s3.seconds.median <= loop.seconds.median);
  }
  if (s3 && loop) {
    const extra = s3.cpuSeconds.median / loop.cpuSeconds.median - 1;
    check('exporter CPU within 10% of the plain SDK loop\'s, S3 100k', `${n(s3.cpuSeconds.median, 2)} s against ${n(loop.cpuSeconds.median, 2)} s (${extra >= 0 ? '+' : ''}${n(extra * 100)}%)`, extra <= 0.1);
  }
  const sns = find(report, 'sns-5000', 'paged-aws-export');
  const snsLoop = sdk('sns-5000');
  if (sns && snsLoop) {
    check('exporter no slower than the plain SDK loop, SNS 5,000', `${n(sns.seconds.median / snsLoop.seconds.median, 2)}× the loop's time`, sns.seconds.median <= snsLoop.seconds.median);
  }
  const lat = seq('s3-100k-latency');
  const latLoop = sdk('s3-100k-latency');
  if (lat && latLoop) {
    check(`exporter no slower than the SDK loop with ${report.latencyMs} ms latency, S3 100k`, `${n(lat.seconds.median / latLoop.seconds.median, 2)}× the loop's time`, lat.seconds.median <= latLoop.seconds.median);
  }
  const snsLat = find(report, 'sns-5000-latency', 'paged-aws-export');
  const snsLatLoop = sdk('sns-5000-latency');
  if (snsLat && snsLatLoop) {
    check(`exporter no slower than the SDK loop with ${report.latencyMs} ms latency, SNS 5,000`, `${n(snsLat.seconds.median / snsLatLoop.seconds.median, 2)}× the loop's time`, snsLat.seconds.median <= snsLatLoop.seconds.median);
  }
  const startup = seq('startup')?.seconds.median;
  for (const [id, label] of [['s3-100k-latency', '100k keys, page size 1000'], ['s3-10k-latency', '10k keys, page size 100']]) {
    const sequential = seq(id);
    const parallel = par(id);
    if (sequential && parallel) {
      const speedup = sequential.seconds.median / parallel.seconds.median;
      // The parallel export's own CPU time next to its wall time shows when it is bound by the CPU, not the network.
      const cpu = `(its CPU: ${n(parallel.cpuSeconds.median, 2)} s in ${n(parallel.seconds.median, 2)} s)`;
      check(`--parallel 8 ≥ 4× faster than sequential with ${report.latencyMs} ms latency, 32 prefixes (${label})`, `${n(speedup, 1)}× ${cpu}`, speedup >= 4);
      if (startup !== undefined) {
        const net = (sequential.seconds.median - startup) / (parallel.seconds.median - startup);
        check(`… the same, listing time net of the process start-up (${n(startup, 2)} s, see below)`, `${n(net, 1)}×`, net >= 4);
      }
    }
  }
  for (const row of report.inProcess) {
    const speedup = row.sequential.median / row.parallel.median;
    const { limit, binds, ratio } = againstLimit(row);
    check(`--parallel 8 ≥ 4× faster than sequential inside a running process, as in VS Code (${row.label})`,
      `${n(speedup, 1)}× (the ${binds} limit binds: ${n(limit, 2)} s)`, speedup >= 4);
    check(`… its time ≤ 1.15× this machine's limit (${row.label})`, `${n(ratio, 2)}× the ${binds} limit`, ratio <= 1.15);
  }
  for (const scenario of report.scenarios) {
    for (const row of scenario.rows) {
      const against = parallelAgainstLimit(scenario, row, coresOf(report));
      if (against) {
        check(`${row.name}: time ≤ 1.15× this machine's limit (${scenario.id})`,
          `${n(row.seconds.median, 2)} s = ${n(against.ratio, 2)}× the ${against.binds} limit (${n(against.limit, 2)} s)`, against.ratio <= 1.15);
      }
    }
  }
  const dynamo = seq('dynamodb-100k');
  const dynamoLoop = sdk('dynamodb-100k');
  const dynamoCli = find(report, 'dynamodb-100k', 'AWS CLI dynamodb scan');
  if (dynamo && dynamoLoop) {
    check('exporter no slower than a plain paginateScan loop, DynamoDB 100k items', `${n(dynamo.seconds.median / dynamoLoop.seconds.median, 2)}× the loop's time`, dynamo.seconds.median <= dynamoLoop.seconds.median);
  }
  if (dynamo && dynamoCli) {
    const faster = dynamoCli.seconds.median / dynamo.seconds.median;
    check('exporter ≥ 3× faster than `aws dynamodb scan`, 100k items', `${n(faster, 1)}×`, faster >= 3);
  }
  for (const label of ['sequential', '--parallel 8'] as const) {
    const pick = (id: string) => (label === 'sequential' ? seq(id) : par(id));
    const at10k = pick('dynamodb-10k');
    const at100k = pick('dynamodb-100k');
    if (at10k && at100k) {
      const growth = at100k.rssMb.median - at10k.rssMb.median;
      check(`peak RSS flat from 10k to 100k DynamoDB items (${label}): growth < 10 MB`, `${n(at10k.rssMb.median)} → ${n(at100k.rssMb.median)} MB (${growth >= 0 ? '+' : ''}${n(growth, 1)} MB)`, growth < 10);
    }
  }
  const logs = find(report, 'logs-100k', 'paged-aws-export');
  const logsLoop = sdk('logs-100k');
  if (logs && logsLoop) {
    check('exporter ≤ 1.0× the time of a plain paginateFilterLogEvents loop, CloudWatch Logs 100k events (the stand-in, limit 10,000)',
      `${n(logs.seconds.median / logsLoop.seconds.median, 2)}× the loop's time`, logs.seconds.median <= logsLoop.seconds.median);
  }
  const logs10k = find(report, 'logs-10k', 'paged-aws-export');
  if (logs10k && logs) {
    const growth = logs.rssMb.median - logs10k.rssMb.median;
    check('peak RSS flat from 10k to 100k CloudWatch Logs events: growth < 10 MB',
      `${n(logs10k.rssMb.median)} → ${n(logs.rssMb.median)} MB (${growth >= 0 ? '+' : ''}${n(growth, 1)} MB)`, growth < 10);
  }
  const par313 = (id: string) => find(report, id, id === 's3-100k' ? 'paged-aws-export --parallel 8 --page-size 313' : 'paged-aws-export --parallel 8');
  for (const [label, pick] of [['sequential', seq], ['--parallel 8', par], ['--parallel 8, pages of 313 at both sizes', par313]] as const) {
    const at10k = pick('s3-10k');
    const at100k = pick('s3-100k');
    if (at10k && at100k) {
      const growth = at100k.rssMb.median - at10k.rssMb.median;
      check(`peak RSS flat from 10k to 100k keys (${label}): growth < 10 MB`, `${n(at10k.rssMb.median)} → ${n(at100k.rssMb.median)} MB (${growth >= 0 ? '+' : ''}${n(growth, 1)} MB)`, growth < 10);
    }
  }
  if (report.workbench) {
    const { memory, loadAll, cancel, pageSize } = report.workbench;
    for (const row of memory) {
      check(`the extension host grows ≤ 2 KB per loaded row in code-server: ${row.label}`,
        `${n(row.rssPerRow / 1024, 2)} KB a row (${n(row.firstPage.rssMb)} → ${n(row.loaded.rssMb)} MB; JS heap ${n(row.heapPerRow / 1024, 2)} KB a row)`, row.rssPerRow <= 2048);
    }
    check(`Load All of ${n(loadAll.rows)} keys in code-server completes and End shows the last row`, `${n(loadAll.seconds, 1)} s; End ${loadAll.endReachesLast ? 'shows' : 'does **not** show'} the last key`, loadAll.endReachesLast);
    if (loadAll.clickMs.length) {
      const click = stats(loadAll.clickMs);
      check('… meanwhile a click on another list shows its rows within 200 ms (median)', `${n(click.median)} ms (${n(click.min)}–${n(click.max)}, ${loadAll.clickMs.length} clicks)`, click.median <= 200);
    }
    check(`Cancel of Load All stops within one page (${pageSize} rows)`, `${n(cancel.kept - cancel.shownAtClick)} rows after the click (${n(cancel.shownAtClick)} shown, ${n(cancel.kept)} kept)`, cancel.kept - cancel.shownAtClick <= pageSize);
  }
  for (const { id } of report.inventory?.reports ?? []) {
    const ours = find(report, id, INVENTORY_OURS);
    const duck = find(report, id, INVENTORY_DUCKDB_STAR);
    if (ours) {
      check(`S3 Inventory export ≥ 1,000,000 rows/s (${id})`, `${n(ours.itemsPerSecond)} rows/s (${n(ours.seconds.median, 2)} s)`, ours.itemsPerSecond >= 1_000_000);
    }
    if (ours && duck) {
      const ratio = ours.seconds.median / duck.seconds.median;
      check(`S3 Inventory export ≤ 2× the time of DuckDB's \`SELECT *\` of the same files to JSON (${id})`, `${n(ratio, 2)}× (${n(ours.seconds.median, 2)} s against ${n(duck.seconds.median, 2)} s)`, ratio <= 2);
    }
  }
  for (const format of ['csv', 'parquet']) {
    const small = find(report, `inventory-${format}-1m`, INVENTORY_OURS);
    const big = find(report, `inventory-${format}-10m`, INVENTORY_OURS);
    if (small && big) {
      const growth = big.rssMb.median - small.rssMb.median;
      check(`S3 Inventory export: peak RSS flat from 1,000,000 to 10,000,000 rows (${format === 'csv' ? 'CSV.gz' : 'Parquet'}): growth < 10 MB`,
        `${n(small.rssMb.median)} → ${n(big.rssMb.median)} MB (${growth >= 0 ? '+' : ''}${n(growth, 1)} MB)`, growth < 10);
    }
  }
  if (report.startup) {
    check('activation (require + activate) < 50 ms', `${n(report.startup.activationMs.median, 1)} ms`, report.startup.activationMs.median < 50);
    check('VSIX < 2 MB', `${n(report.startup.vsixBytes / 1024)} KB`, report.startup.vsixBytes < 2 * 1024 * 1024);
  }
  return table(['goal', 'measured (median)', 'met'], rows);
}

/** The names of the inventory rows' contenders (bench.ts). */
const INVENTORY_OURS = 'paged-aws-export (page size 10,000)';
const INVENTORY_DUCKDB_STAR = 'DuckDB: SELECT * → JSON';
const INVENTORY_DUCKDB_RECORDS = 'DuckDB: the exporter\'s records → JSON';

/** A duration as a reader takes it in: seconds, minutes, hours or days. */
function duration(seconds: number): string {
  return seconds < 120 ? `${n(seconds, 1)} s` : seconds < 7200 ? `${n(seconds / 60, 1)} min` : seconds < 172_800 ? `${n(seconds / 3600, 1)} h` : `${n(seconds / 86_400, 1)} days`;
}

/** The inventory rows side by side, their memory from 1 to 10 million rows, and the live listing they stand in for. */
function inventorySection(report: Report, inventory: InventoryFigures): string[] {
  const lines: string[] = ['## S3 Inventory: the report against DuckDB, and against listing the bucket', ''];
  const rows = inventory.reports.flatMap((data) => {
    const scenario = report.scenarios.find((s) => s.id === data.id);
    const ours = scenario?.rows.find((r) => r.name === INVENTORY_OURS);
    if (!scenario || !ours) {
      return [];
    }
    const star = scenario.rows.find((r) => r.name === INVENTORY_DUCKDB_STAR);
    const records = scenario.rows.find((r) => r.name === INVENTORY_DUCKDB_RECORDS);
    const against = (other: Row | undefined) => (other ? `${n(other.seconds.median, 2)} s (ours ${n(ours.seconds.median / other.seconds.median, 2)}×)` : '');
    return [[
      `${data.format === 'CSV' ? 'CSV.gz' : 'Parquet'}, ${n(data.rows)} rows`, `${n(data.files)} (${n(data.bytes / 2 ** 20)} MB)`, n(ours.seconds.median, 2), n(ours.itemsPerSecond),
      n(ours.cpuSeconds.median, 2), n(ours.rssMb.median), against(star), star ? n(star.rssMb.median) : '', against(records),
    ]];
  });
  lines.push(
    table(['report', 'data files (on disk)', 'exporter, s', 'rows/s', 'exporter CPU, s', 'exporter peak RSS, MB', 'DuckDB `SELECT *`, s', 'DuckDB peak RSS, MB', 'DuckDB, the exporter\'s records, s'], rows),
    '',
    'Medians of the rows above. "ours N×": the exporter\'s time ÷ DuckDB\'s (goal ≤ 2× `SELECT *`). The exporter\'s CPU is one process\'s: its JavaScript runs on one',
    'thread (gunzip, MD5 and the file writes on libuv\'s), where DuckDB reads, converts and writes on every core.',
    '',
  );
  const memory = ['csv', 'parquet'].flatMap((format) => {
    const at = (rowsId: string) => report.scenarios.find((s) => s.id === `inventory-${format}-${rowsId}`)?.rows.find((r) => r.name === INVENTORY_OURS);
    const [small, big] = [at('1m'), at('10m')];
    return small && big ? [[format === 'csv' ? 'CSV.gz' : 'Parquet', range(small.rssMb, 0), range(big.rssMb, 0), `${big.rssMb.median >= small.rssMb.median ? '+' : ''}${n(big.rssMb.median - small.rssMb.median, 1)} MB`]] : [];
  });
  if (memory.length) {
    lines.push(
      table(['exporter, peak RSS (MB: median, min–max)', '1,000,000 rows (1 data file)', '10,000,000 rows (10 data files)', 'growth (goal: flat, < 10 MB)'], memory),
      '',
      'The data files are of one size in both reports: the exporter holds one file\'s stream (CSV.gz) or one row group (Parquet) and one page at a time.',
      '',
    );
  }
  const rate = (format: string) => {
    const found = inventory.reports.filter((r) => r.format === format).sort((a, b) => b.rows - a.rows)
      .map((r) => report.scenarios.find((s) => s.id === r.id)?.rows.find((row) => row.name === INVENTORY_OURS)).find(Boolean);
    return found?.itemsPerSecond;
  };
  const rates = [['CSV', rate('CSV')], ['Parquet', rate('Parquet')]].filter((entry): entry is [string, number] => entry[1] !== undefined);
  const pageMs = inventory.listPage.pageMs.median;
  lines.push(
    `### Listing the bucket instead: ListObjectsV2, 1,000 keys a request, one after the other`,
    '',
    `One request of 1,000 keys measured through the SDK on the synthetic listing server (\`scripts/bench/s3ListServer.ts\`, ${n(inventory.listPage.pages)} requests over`,
    `${inventory.listPage.bucket}, 127.0.0.1): median ${n(pageMs, 2)} ms (${n(inventory.listPage.pageMs.min, 2)}–${n(inventory.listPage.pageMs.max, 2)}), with no network: its CPU a request is`,
    `${n(inventory.listPage.clientCpuMs, 1)} ms the SDK's (signing, sending, parsing 1,000 keys of XML) and ${n(inventory.listPage.serverCpuMs, 1)} ms the server's. S3 answers`,
    'a ListObjectsV2 of 1,000 keys in some tens of milliseconds: 20 ms and 100 ms a request are set beside it. Each request needs the token of the one',
    'before, so one listing is that many requests in a row (a listing split by prefix runs several at once, where the keys have prefixes to split on).',
    'The report is read at the exporter\'s rows/s measured above (its largest report of each format).',
    '',
    table(['bucket', 'requests', `listing at ${n(pageMs, 2)} ms a request (measured)`, 'at 20 ms', 'at 100 ms', ...rates.map(([format, perSecond]) => `the report, ${format === 'CSV' ? 'CSV.gz' : 'Parquet'} (${n(perSecond)} rows/s)`)],
      [10_000_000, 1_000_000_000].map((keys) => [
        `${n(keys)} keys`, n(keys / 1000), duration((keys / 1000) * pageMs / 1000), duration((keys / 1000) * 0.02), duration((keys / 1000) * 0.1),
        ...rates.map(([, perSecond]) => duration(keys / perSecond)),
      ])),
    '',
  );
  return lines;
}

export function render(report: Report): { console: string; markdown: string } {
  const { machine, versions, tree, startup } = report;
  const body = [
    '## Goals',
    '',
    goals(report),
    '',
    ...report.scenarios.flatMap((scenario) => [
      `## ${scenario.title}`,
      '',
      scenarioTable(scenario, coresOf(report)),
      '',
      ...(scenario.runs !== undefined ? [`${scenario.runs} runs per contender here (each run writes about 3 GB), not ${report.runs}.`, ''] : []),
      ...(scenario.note ? [scenario.note, ''] : []),
      scenario.id.startsWith('inventory-')
        ? `JSON Lines of the exporter and of DuckDB's query of its records byte-identical: ${scenario.identicalJsonLines ? 'yes' : '**no**'} (DuckDB's \`SELECT *\` writes the files' own columns: its lines are counted). The exporter's first and last lines are the generator's rows.`
        : `JSON Lines of the exporters and the SDK loop byte-identical: ${scenario.identicalJsonLines ? 'yes' : '**no**'}${scenario.id.startsWith('dynamodb') ? ' (the parallel scan\'s lines are compared sorted: it writes the segments one after the other)' : ''}.`,
      '',
    ]),
    ...(report.inventory ? inventorySection(report, report.inventory) : []),
    ...(report.inProcess.length === 0 ? [] : [
      `## Exports inside one long-lived process (as in VS Code), through the fault proxy adding ${report.latencyMs} ms to every request`,
      '',
      'The extension runs exports in its already running host: no process start-up, the SDK loaded and the connection open',
      '(one warm-up export first). `scripts/bench/inProcessExport.ts` runs the core exporter the same way, sequential and',
      `\`--parallel 8\` alternating, ${report.runs} runs each. The limits are this machine's: the CPU limit is the CPU time of`,
      'the sequential run (the exporter, the emulator and the latency proxy, each in its own process, read from /proc)',
      `divided by the ${machine.cpu.split(' × ').pop()} cores; the latency limit is the parallel run's requests ÷ 8 × ${report.latencyMs} ms. A parallel run`,
      'can beat neither; "÷ limit" is its time against the larger one.',
      '',
      table(['listing', 'sequential, s: median (min–max)', '--parallel 8, s: median (min–max)', 'speed-up', 'CPU limit, s', 'latency limit, s', '÷ limit', 'output'],
        report.inProcess.map((row) => {
          const { binds, ratio } = againstLimit(row);
          return [
            row.label, range(row.sequential, 2), range(row.parallel, 2), `${n(row.sequential.median / row.parallel.median, 1)}×`,
            n(row.cpuLimitSeconds, 2), n(row.latencyLimitSeconds, 2), `${n(ratio, 2)}× (${binds})`,
            row.identical ? 'same bytes' : row.sameLines ? 'same lines' : '**differs**',
          ];
        })),
      '',
    ]),
    ...(!tree ? [] : [
      '## Tree (extension side, default page size 100)',
      '',
      table(['action', 'ms: median (min–max)'], [
        ...tree.firstPage.map((f) => [`expand ${f.label} → first page in the model, rows built`, range(f.ms, 1)]),
        [`one "Load more" on a list holding ${n(tree.rowsBefore - 1)} rows (request + append + rows)`, range(tree.loadMore, 1)],
        ['… of which rebuilding the rows of that list', range(tree.rows, 2)],
      ]),
      '',
      'The real workbench adds its own rendering; the e2e run reports that time, it is not measured here.',
      '',
    ]),
    ...(!report.resourceExplorer ? [] : ((re) => [
      `## Resource Explorer: every match of a plain search over ${n(re.resources)} resources (the service stops a query at 1,000)`,
      '',
      '`scripts/bench/resourceExplorer.ts` exports `resource-explorer:search?q=` (page size 1000) from this project\'s stand-in',
      '(`test/support/resourceExplorerStandIn.ts`: 4 Regions, 40 types, an aggregator index) in this process, counting the',
      'Search requests at the server. The exporter splits a query whose count is not complete by Region, service, type and',
      'id start, from the values its first page shows; a first page that shows its part too big is the only request a',
      'split could have saved. Searches are spaced under the service\'s 5 a second, which sets the time more than anything.',
      '',
      table(['measure', 'value'], [
        ['resources written (each once)', `${n(re.written)} of ${n(re.resources)}`],
        ['Search requests sent', n(re.searches)],
        ['… of which first pages of parts too big (then split)', n(re.probes)],
        ['the fewest this split could have used (the pages of the parts listed)', `${n(re.fewest)} in ${n(re.parts)} parts`],
        ['sent ÷ fewest (goal ≤ 1.2)', `${n(re.searches / re.fewest, 2)}×`],
        ['every match in pages of 1,000, were there no cap (no split can do with fewer)', n(re.floor)],
        ['time, s: median (min–max)', range(re.seconds, 2)],
        [`time through ${re.latencyMs} ms a request, s`, range(re.secondsWithLatency, 2)],
      ]),
      '',
    ])(report.resourceExplorer)),
    ...(!report.soak ? [] : ((soak) => [
      `## Soak: ${n(soak.rows[0]?.keys ?? 0)} S3 keys, killed ${soak.kills} times`,
      '',
      '`scripts/bench/soak.ts` runs the CLI on fauxqs, SIGKILLs it at seeded random moments (from just before its first',
      'checkpoint, spread so that about three quarters of the listing is done by runs that are killed) and runs it again',
      'each time, then once to the end; the file is compared with an uninterrupted export and the output and state',
      'directories are searched for anything left (part files, keys file, lock, checkpoint).',
      '',
      table(['mode', 'seed', 'kills', 'resumes', 'runs', 'lost', 'duplicated', 'byte for byte', 'left behind', 'uninterrupted, s', 'its first checkpoint, s', 'all runs, s'], soak.rows.map((row) => [
        row.mode, String(row.seed), n(row.kills), n(row.resumes), n(row.runs), n(row.lost), n(row.duplicated), row.identical ? 'yes' : '**no**',
        row.leftovers.length ? row.leftovers.join(', ') : 'nothing', n(row.referenceSeconds, 2), n(row.firstCheckpointSeconds, 2), n(row.soakSeconds, 2),
      ])),
      '',
    ])(report.soak)),
    ...(!report.workbench ? [] : [
      `## The tree in code-server (page size ${report.workbench.pageSize}, fauxqs behind ${report.latencyMs} ms of latency; DynamoDB on dynalite)`,
      '',
      '`scripts/bench/workbench.ts` installs the production VSIX in code-server, drives the workbench in Chromium and runs',
      '**Load All** as a user does (Keep Loading at the 5,000-row prompt). The extension host is read from outside:',
      'its inspector is opened with SIGUSR1 and two full garbage collections run before each reading, so the figures are',
      'what the rows keep, not garbage not yet collected. "A row" is the growth from the first page to every page, divided by',
      'the rows added. The S3 list is cancelled once 30,000 rows are in (the first row), then loaded to the end.',
      '',
      table(['list', 'rows', 'Load All, s', 'RSS, MB: first page → all', 'RSS a row', 'JS heap, MB', 'JS heap a row'],
        report.workbench.memory.map((row) => [
          row.label, n(row.rows), n(row.seconds, 1), `${n(row.firstPage.rssMb)} → ${n(row.loaded.rssMb)}`, `${n(row.rssPerRow / 1024, 2)} KB`,
          `${n(row.firstPage.heapMb)} → ${n(row.loaded.heapMb)}`, `${n(row.heapPerRow / 1024, 2)} KB`,
        ])),
      '',
      `While the ${n(report.workbench.loadAll.rows)} keys load, SNS Topics is clicked open and closed again and again; each figure is from the`,
      `mousedown to the first topic row drawn, measured in the page: ${report.workbench.loadAll.clickMs.map((ms) => n(ms)).join(', ')} ms.`,
      '',
    ]),
    ...(!startup ? [] : [
      '## Start-up',
      '',
      table(['measure', 'value'], [
        ['VSIX size (`npm run package`)', `${n(startup.vsixBytes / 1024)} KB`],
        ['dist/extension.js (production bundle, loaded at activation)', `${n(startup.bundleBytes / 1024)} KB`],
        ['dist/awsSdk.js (the AWS SDK clients, loaded on first use)', `${n(startup.sdkBundleBytes / 1024)} KB`],
        [`activation: require + activate, ${report.runs * 2} fresh processes`, `${range(startup.activationMs, 1)} ms`],
        ['… of which require of the bundle', `${range(startup.requireMs, 1)} ms`],
      ]),
      '',
      'Activation is measured outside VS Code: `scripts/bench/activation.ts` injects a minimal fake `vscode` module',
      '(every API a do-nothing stand-in) for this measurement only, so the figure is the extension\'s own cost.',
    ]),
  ].join('\n');
  const header = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${report.date.slice(0, 16).replace('T', ' ')} UTC (commit ${versions.commit}). Do not edit by hand: run it again.`,
    '',
    ...(report.only ? [`**A partial run (BENCH_ONLY=${report.only}): printed only, docs/benchmarks.md is written by a full run.**`, ''] : []),
    `- Machine: ${machine.cpu}, ${n(machine.memoryGb, 1)} GB, ${machine.os}; load average at the start ${machine.loadAverage} (a shared machine: other work ran too).`,
    `- Contenders: ${versions.node} (this project's CLI \`dist/cli.js\` and the SDK loop, both esbuild bundles), ${versions.sdk}; ${versions.awsCli}; ${versions.rclone}.`,
    `- Servers: ${versions.emulator}, each in its own process on 127.0.0.1 (fauxqs's data persisted and seeded once, dynalite's in memory and seeded every run), the latency proxies in processes of their own; CloudWatch Logs: this project's stand-in (\`test/support/logsStandIn.ts\`), not AWS, in its own process, seeded in memory every run. Each contender is a separate process, timed from spawn to exit, peak RSS from GNU time.`,
    `- ${report.runs} runs per contender, alternating contenders run by run (A B C … A B C …); medians with min–max.`,
    '- Keys are lower-case, zero-padded and of one shape (`p-07/k-00042`): fauxqs sorts with localeCompare but resumes after a token with `>`, so keys on which the two orders disagree would be dropped or repeated by the emulator itself.',
    '- "÷ machine limit" (parallel rows): the run\'s time against the least this machine allows it, the larger of two limits: the CPU time of the sequential run (the exporter\'s process and the servers\', read from /proc) divided by the cores, and the parallel run\'s requests ÷ 8 × the added latency. 1.00× would be the machine\'s best.',
    '- The AWS CLI and rclone print their own JSON (one document), not JSON Lines; their item counts are checked. rclone runs with `--use-server-modtime` on 100k keys: without it, it sends a HEAD request per object for the modification time (the 10k row shows its default).',
    '',
  ].join('\n');
  return { markdown: `${header}\n${body}\n`, console: `${header}\n${body}` };
}
