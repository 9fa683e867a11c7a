import { AwsSession } from '../../src/core/aws/session';
import { type Connection } from '../../src/core/aws/connection';
import { rootLists } from '../../src/core/services/registry';
import { rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { stats, type Stats } from './measure';
import { DATA } from './seed';
import { type ListRef } from '../../src/core/lists';

export interface TreeFigures {
  /** Expanding a list until its first page is in the model and its rows are built, per list. */
  readonly firstPage: ReadonlyArray<{ readonly label: string; readonly ms: Stats }>;
  /** One "Load more" (request, append, rows) on a list that already holds 10,000 rows. */
  readonly loadMore: Stats;
  /** Of which: building the rows of the 10,100-row list again. */
  readonly rows: Stats;
  readonly rowsBefore: number;
}

/**
 * The tree model as the view uses it (vscode-free core, real SDK clients, the emulator in its own process), with the
 * default page size of 100. Expansions alternate between the lists run by run.
 */
export async function measureTree(endpointUrl: string, runs: number): Promise<TreeFigures> {
  const connection: Connection = {
    profile: 'default', profileExplicit: false, region: 'us-east-1', regionSource: 'setting', endpointUrl, endpointSource: 'setting',
    retryMode: 'standard', maxAttempts: 3,
  };
  const session = new AwsSession(connection);
  const model = () => new TreeModel({ clients: async () => session, pageSize: () => 100 });
  const lists: Array<[string, ListRef]> = [
    ['SNS topics (5,000)', rootLists[0]],
    [`${DATA.big.bucket} (32 folders)`, { kind: 's3.objects', params: { bucket: DATA.big.bucket, prefix: '', delimiter: '/' } }],
    [`${DATA.big.bucket}/p-00/ (3,125 keys)`, { kind: 's3.objects', params: { bucket: DATA.big.bucket, prefix: 'p-00/', delimiter: '/' } }],
  ];
  try {
    // Warm-up: the first expansion also loads the SDK and resolves credentials, once per session.
    await model().ensureLoaded(lists[0][1]);
    const firstPage = lists.map(() => [] as number[]);
    for (let run = 0; run < runs; run++) {
      for (const [i, [label, list]] of lists.entries()) {
        const tree = model();
        const started = performance.now();
        await tree.ensureLoaded(list);
        rowsOf(tree.snapshot(list));
        firstPage[i].push(performance.now() - started);
        const failure = tree.snapshot(list).failure;
        if (failure) {
          throw new Error(`${label}: ${failure.problem.message}`);
        }
      }
    }
    const flat: ListRef = { kind: 's3.objects', params: { bucket: DATA.flat.bucket, prefix: '', delimiter: '/' } };
    const loadMore: number[] = [];
    const rows: number[] = [];
    let rowsBefore = 0;
    for (let run = 0; run < runs; run++) {
      const tree = model();
      await tree.ensureLoaded(flat);
      const all = await tree.loadAll(flat, { maxItems: 10_000 });
      if (all.outcome !== 'paused' || all.items !== 10_000) {
        throw new Error(`expected 10,000 rows before the measured Load more, got ${all.items} (${all.outcome}${all.failure ? `: ${all.failure.problem.message}` : ''})`);
      }
      rowsBefore = rowsOf(tree.snapshot(flat)).length;
      const token = tree.snapshot(flat).nextToken!;
      const started = performance.now();
      await tree.loadMore(flat, token);
      const fetched = performance.now();
      rowsOf(tree.snapshot(flat));
      const done = performance.now();
      loadMore.push(done - started);
      rows.push(done - fetched);
    }
    return { firstPage: lists.map(([label], i) => ({ label, ms: stats(firstPage[i]) })), loadMore: stats(loadMore), rows: stats(rows), rowsBefore };
  } finally {
    session.dispose();
  }
}
