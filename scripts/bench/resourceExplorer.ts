// The benchmark's Resource Explorer part: an export of every match of a plain search over 12,000 resources (the
// service stops a query at 1,000), which the exporter gets past by splitting the query. What it costs: the Search
// requests sent against the fewest its split could have used (every page of the parts it listed, none of the first
// pages that only showed a part was too big), and the time, directly and through 20 ms of latency a request. On this
// project's stand-in (test/support/resourceExplorerStandIn.ts), in this process: requests are counted at the server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsSession } from '../../src/core/aws/session';
import { listingTarget, type ExportJob } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { kindOf, parseAddress } from '../../src/core/services/registry';
import { testConnection } from '../../test/support/emulator';
import { startFaultProxy } from '../../test/support/faultProxy';
import { resourceExplorerHandler, ResourceExplorerStore } from '../../test/support/resourceExplorerStandIn';
import { startServiceRouter, type RouteHandler } from '../../test/support/serviceRouter';
import { stats, type Stats } from './measure';

export const RESOURCES = 12_000;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

export interface ResourceExplorerFigures {
  readonly resources: number;
  readonly pageSize: number;
  /** Search requests an export sent. */
  readonly searches: number;
  /** … of which first pages of parts that were not complete (they were split instead). */
  readonly probes: number;
  /** The pages of the parts listed: the fewest requests this split could have used. */
  readonly fewest: number;
  /** Every match in pages of 1,000, were there no cap: no split can do with fewer. */
  readonly floor: number;
  readonly parts: number;
  readonly written: number;
  readonly seconds: Stats;
  readonly secondsWithLatency: Stats;
  readonly latencyMs: number;
}

/** Exports `resource-explorer:search?q=` `runs` times directly and through the latency, counting the searches. */
export async function measureResourceExplorer(runs: number, latencyMs: number, say: (line: string) => void): Promise<ResourceExplorerFigures> {
  const store = new ResourceExplorerStore();
  REGIONS.forEach((region) => store.addIndex(region, { type: region === 'us-east-1' ? 'AGGREGATOR' : 'LOCAL' }));
  store.addView('us-east-1', 'all-resources', { includedProperties: ['tags'], makeDefault: true });
  store.seedResources(RESOURCES, { regions: REGIONS, seed: 'bench' });
  // Each answered Search: its query and whether its count was complete.
  const answered: Array<{ query: string; complete: boolean }> = [];
  const handler = resourceExplorerHandler(store);
  const counting: RouteHandler = async (req, body, res) => {
    const end = res.end.bind(res);
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (req.url === '/Search' && res.statusCode === 200 && chunk !== undefined) {
        const output = JSON.parse(String(chunk)) as { Count?: { Complete?: boolean } };
        answered.push({ query: String((JSON.parse(body.toString('utf8') || '{}') as { QueryString?: string }).QueryString), complete: output.Count?.Complete !== false });
      }
      return (end as (...args: unknown[]) => unknown)(chunk, ...rest);
    }) as never;
    await handler(req, body, res);
  };
  const router = await startServiceRouter({ fallback: 'http://127.0.0.1:9', byTarget: [], bySigningService: [['resource-explorer-2', counting]] });
  const slow = await startFaultProxy(router.endpoint, () => ({ kind: 'latency', ms: latencyMs }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-bench-re-'));
  const pageSize = 1000;
  try {
    const once = async (endpoint: string, name: string) => {
      const session = new AwsSession(testConnection(endpoint, { maxAttempts: 8 }));
      const list = parseAddress('resource-explorer:search?q=');
      const job: ExportJob = {
        target: listingTarget(session.connection), list: { kind: list.kind, params: kindOf(list).flatten!(list.params) }, pageSize, format: 'jsonl',
        outputPath: path.join(dir, name),
      };
      answered.length = 0;
      const started = process.hrtime.bigint();
      try {
        const result = await startExport(session, job, { store: new FileCheckpointStore(path.join(dir, 'state')) });
        return { seconds: Number(process.hrtime.bigint() - started) / 1e9, written: result.itemsWritten, answered: [...answered] };
      } finally {
        session.dispose();
      }
    };
    const direct: number[] = [];
    const slowed: number[] = [];
    let last: Awaited<ReturnType<typeof once>> | undefined;
    for (let run = 0; run < runs; run++) {
      last = await once(router.endpoint, 'direct.jsonl');
      direct.push(last.seconds);
      const throughLatency = await once(slow.endpoint, 'latency.jsonl');
      slowed.push(throughLatency.seconds);
      say(`  run ${run + 1}: ${last.seconds.toFixed(2)} s direct, ${throughLatency.seconds.toFixed(2)} s through ${latencyMs} ms; ${last.answered.length} searches, ${last.written} written`);
    }
    const searches = last!.answered;
    const probes = searches.filter((search) => !search.complete).length;
    return {
      resources: RESOURCES, pageSize, searches: searches.length, probes, fewest: searches.length - probes, floor: Math.ceil(RESOURCES / pageSize),
      parts: new Set(searches.filter((search) => search.complete).map((search) => search.query)).size, written: last!.written,
      seconds: stats(direct), secondsWithLatency: stats(slowed), latencyMs,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await slow.stop();
    await router.stop();
  }
}
