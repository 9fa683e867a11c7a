// Exports in one long-lived process, the way the VS Code extension runs them: the SDK is loaded and the connection
// resolved once, so only the listing is timed (the command line pays its process start-up on every run).
// Usage: node in-process-export.js ENDPOINT LIST PAGE_SIZE RUNS OUT_DIR SERVER_PIDS
// Sequential and --parallel 8 runs alternate. Each run reports its wall time, this process's CPU time and the CPU
// time the servers (emulator, latency proxy: SERVER_PIDS, comma-separated) spent meanwhile, and the pages it read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Connection } from '../../src/core/aws/connection';
import { AwsSession } from '../../src/core/aws/session';
import { listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { DEFAULT_PARALLELISM } from '../../src/core/export/parallelExport';
import { parseListArgument } from '../../src/cli/listArgument';
import { cpuSecondsOf } from './processCpu';

export interface InProcessRun {
  readonly seconds: number[];
  /** This process: the exporter (and the SDK). */
  readonly cpuSeconds: number[];
  /** The emulator and the proxy, during the run. */
  readonly serverCpuSeconds: number[];
  /** Requests the export made (pages written, the splitting listing's included). */
  readonly pages: number;
}

async function main(): Promise<void> {
  const [endpointUrl, listText, pageSizeText, runsText, outDir, pidsText] = process.argv.slice(2);
  const pids = pidsText.split(',').map(Number);
  const connection: Connection = {
    profile: 'default', profileExplicit: false, region: 'us-east-1', regionSource: 'setting', endpointUrl, endpointSource: 'setting',
    retryMode: 'standard', maxAttempts: 3,
  };
  const session = new AwsSession(connection);
  const store = new FileCheckpointStore(path.join(outDir, 'state'));
  const job = (file: string): ExportJob => ({
    target: listingTarget(connection), list: parseListArgument(listText, false).list, outputPath: path.join(outDir, file), format: 'jsonl',
    pageSize: Number(pageSizeText),
  });
  // Warm-up, as in a window that has listed before: the SDK is loaded and the connection is open.
  await startExport(session, job('warm-up.jsonl'), { store });
  const runs = { sequential: { seconds: [] as number[], cpuSeconds: [] as number[], serverCpuSeconds: [] as number[], pages: 0 }, parallel: { seconds: [] as number[], cpuSeconds: [] as number[], serverCpuSeconds: [] as number[], pages: 0 } };
  const serverCpu = () => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  for (let run = 0; run < Number(runsText); run++) {
    for (const [mode, parallelism] of [['sequential', 1], ['parallel', DEFAULT_PARALLELISM]] as const) {
      const cpu = process.cpuUsage();
      const servers = serverCpu();
      const started = performance.now();
      const result = await startExport(session, job(`${mode}.jsonl`), { store, parallelism });
      runs[mode].seconds.push((performance.now() - started) / 1000);
      const used = process.cpuUsage(cpu);
      runs[mode].cpuSeconds.push((used.user + used.system) / 1e6);
      runs[mode].serverCpuSeconds.push(serverCpu() - servers);
      runs[mode].pages = result.pagesWritten;
    }
  }
  session.dispose();
  const read = (mode: string) => fs.readFileSync(path.join(outDir, `${mode}.jsonl`));
  const identical = read('sequential').equals(read('parallel'));
  const lines = (mode: string) => read(mode).toString('utf8').split('\n').sort().join('\n');
  process.stdout.write(`${JSON.stringify({ ...runs, identical, sameLines: identical || lines('sequential') === lines('parallel') })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
