// Exports in one long-lived process, the way the VS Code extension runs them: the SDK is loaded and the connection
// resolved once, so only the listing is timed (the command line pays its process start-up on every run).
// Usage: node in-process-export.js ENDPOINT s3://BUCKET/ PAGE_SIZE RUNS OUT_DIR
// Prints {"sequential":[s…],"parallel":[s…],"identical":true}; sequential and --parallel 8 runs alternate.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Connection } from '../../src/core/aws/connection';
import { AwsSession } from '../../src/core/aws/session';
import { listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { DEFAULT_PARALLELISM } from '../../src/core/export/parallelExport';
import { parseListArgument } from '../../src/cli/listArgument';

async function main(): Promise<void> {
  const [endpointUrl, listText, pageSizeText, runsText, outDir] = process.argv.slice(2);
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
  const seconds = { sequential: [] as number[], parallel: [] as number[] };
  for (let run = 0; run < Number(runsText); run++) {
    for (const [mode, parallelism] of [['sequential', 1], ['parallel', DEFAULT_PARALLELISM]] as const) {
      const started = performance.now();
      await startExport(session, job(`${mode}.jsonl`), { store, parallelism });
      seconds[mode].push((performance.now() - started) / 1000);
    }
  }
  session.dispose();
  const identical = fs.readFileSync(path.join(outDir, 'sequential.jsonl')).equals(fs.readFileSync(path.join(outDir, 'parallel.jsonl')));
  process.stdout.write(`${JSON.stringify({ ...seconds, identical })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
