// SQS queues and dead-letter source queues, on fauxqs (plus the stand-in for ListDeadLetterSourceQueues), through
// the real SDK client: the tree, the exporter and the CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listingTarget } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { parseAddress } from '../../src/core/services/registry';
import { detailsOf, emptyLabel, itemContext, rowsOf } from '../../src/core/tree/rows';
import { TreeModel } from '../../src/core/tree/treeModel';
import { builtCli, nodeBinary, runProcess } from '../support/cli';
import { createQueues, numberedNames, queueArn, useEmulator } from '../support/emulator';
import { type ListRef } from '../../src/core/lists';
import { idOf } from '../../src/core/lists';

const queues: ListRef = { kind: 'sqs.queues', params: {} };

describe('SQS queues against fauxqs', function () {
  const names = numberedNames('queue', 230, 4);
  let dlqUrl: string;
  let sourceUrls: string[];
  let plainUrl: string;

  const env = useEmulator(async (seed) => {
    await createQueues(seed, names);
    [dlqUrl] = await createQueues(seed, ['orders-dlq']);
    sourceUrls = await createQueues(seed, numberedNames('orders', 5, 2), await queueArn(seed, dlqUrl));
    plainUrl = (await createQueues(seed, ['lonely']))[0];
  }, { maxAttempts: 1 });

  const model = (pageSize: number) => new TreeModel({ clients: async () => env.session, pageSize: () => pageSize });
  const allNames = () => [...names, 'lonely', 'orders-01', 'orders-02', 'orders-03', 'orders-04', 'orders-05', 'orders-dlq'].sort();

  it('lists the queues a page at a time, every request with MaxResults = the page size, Load more holding the token', async function () {
    const tree = model(100);
    await tree.ensureLoaded(queues);
    let snapshot = tree.snapshot(queues);
    assert.equal(snapshot.items.length, 100);
    const more = rowsOf(snapshot).at(-1);
    assert.equal(more?.type === 'loadMore' && more.token, snapshot.nextToken);
    while (tree.snapshot(queues).nextToken) {
      await tree.loadMore(queues, tree.snapshot(queues).nextToken!);
    }
    snapshot = tree.snapshot(queues);
    assert.deepEqual(snapshot.items.map((item) => item.name).sort(), allNames());
    const requests = env.proxy.log.filter((r) => r.action === 'ListQueues');
    assert.equal(requests.length, 3);
    assert.deepEqual(requests.map((r) => r.pageSize), [100, 100, 100], 'MaxResults on every request: without it SQS returns 1,000 queues and no token');
    assert.equal(requests[0].token, undefined);
  });

  it('a queue row has its URL and ARN (Copy… offers both), and Show Details (GetQueueAttributes); nothing is received or changed', async function () {
    const tree = model(1000);
    await tree.ensureLoaded(queues);
    const dlq = tree.snapshot(queues).items.find((item) => item.name === 'orders-dlq')!;
    assert.equal(idOf(dlq, 'URL'), dlqUrl);
    assert.equal(idOf(dlq, 'ARN'), await queueArn(env.session, dlqUrl));
    assert.deepEqual(dlq.record, { QueueUrl: dlqUrl, name: 'orders-dlq', arn: idOf(dlq, 'ARN') });
    assert.deepEqual(itemContext(dlq, queues, false), ['item', 'sqsQueue', 'hasDetails', 'itemConsole']);
    assert.deepEqual(dlq.ids?.map((id) => id.label), ['ARN', 'URL'], 'Copy… offers the ARN and the URL');
    const details = detailsOf(queues, dlq)!;
    assert.equal(details.operation, 'GetQueueAttributes');
    const fields = await details.fetch(env.session, {});
    assert.equal(fields.QueueArn, idOf(dlq, 'ARN'));
    assert.equal(fields.QueueUrl, dlqUrl);
    assert.deepEqual([...new Set(env.proxy.log.map((r) => r.action))].sort(), ['GetQueueAttributes', 'ListQueues']);
  });

  it('Filter by Prefix sends QueueNamePrefix (server-side) and pages the same way', async function () {
    const tree = model(2);
    const filtered = tree.setFilter(queues, 'orders-0');
    assert.deepEqual(filtered.params, { prefix: 'orders-0' });
    await tree.loadAll(filtered);
    assert.deepEqual(tree.snapshot(filtered).items.map((item) => item.name), numberedNames('orders', 5, 2));
    const requests = env.proxy.log.filter((r) => r.action === 'ListQueues');
    assert.equal(requests.length, 3);
    assert.ok(requests.every((r) => r.input?.QueueNamePrefix === 'orders-0' && r.pageSize === 2));
  });

  it('a dead-letter queue expands to its source queues, paged; another queue says it is no dead-letter queue', async function () {
    const tree = model(2);
    const sources: ListRef = { kind: 'sqs.deadLetterSources', params: { queueUrl: dlqUrl } };
    await tree.ensureLoaded(sources);
    assert.equal(tree.snapshot(sources).items.length, 2);
    assert.equal(rowsOf(tree.snapshot(sources)).at(-1)?.type, 'loadMore');
    await tree.loadAll(sources);
    assert.deepEqual(tree.snapshot(sources).items.map((item) => idOf(item, 'URL')), [...sourceUrls].sort());
    assert.deepEqual(env.proxy.log.filter((r) => r.action === 'ListDeadLetterSourceQueues').map((r) => r.pageSize), [2, 2, 2]);

    const lonely: ListRef = { kind: 'sqs.deadLetterSources', params: { queueUrl: plainUrl } };
    await tree.ensureLoaded(lonely);
    const rows = rowsOf(tree.snapshot(lonely));
    assert.deepEqual(rows.map((row) => row.type), ['empty']);
    assert.equal(emptyLabel(lonely), 'No queue uses it as its dead-letter queue');
  });

  it('a queue that does not exist is reported as not found', async function () {
    const tree = model(10);
    const missing: ListRef = { kind: 'sqs.deadLetterSources', params: { queueUrl: dlqUrl.replace('orders-dlq', 'no-such-queue') } };
    await tree.ensureLoaded(missing);
    const failure = tree.snapshot(missing).failure;
    assert.equal(failure?.problem.kind, 'notFound', failure?.problem.message);
    assert.match(failure!.problem.message, /QueueDoesNotExist/);
  });

  it('a refused token says so and offers Start over; an empty page with a token still shows Load more', async function () {
    const tree = model(100);
    await tree.ensureLoaded(queues);
    env.proxy.setRule((r) => (r.action === 'ListQueues' && r.token ? { kind: 'refuseToken' } : undefined));
    await tree.loadMore(queues, tree.snapshot(queues).nextToken!);
    assert.equal(tree.snapshot(queues).failure?.problem.kind, 'refusedToken');
    assert.equal(tree.snapshot(queues).items.length, 100, 'the loaded page stays');

    const first = env.proxy.log.length;
    env.proxy.setRule((r) => (r.action === 'ListQueues' && r.index === first ? { kind: 'emptyPage' } : undefined));
    await tree.startOver(queues);
    assert.equal(tree.snapshot(queues).items.length, 0);
    assert.equal(rowsOf(tree.snapshot(queues)).at(-1)?.type, 'loadMore');
    await tree.loadMore(queues, tree.snapshot(queues).nextToken!);
    assert.equal(tree.snapshot(queues).items.length, 100);
  });

  describe('export', function () {
    let dir: string;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-sqs-'));
    });
    afterEach(function () {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('sqs:queues and a prefix-filtered list to JSON Lines and CSV, with the API\'s QueueUrl', async function () {
      const store = new FileCheckpointStore(path.join(dir, 'state'));
      const target = listingTarget(env.session.connection);
      const all = await startExport(env.session, { target, list: parseAddress('sqs:queues'), pageSize: 50, format: 'jsonl', outputPath: path.join(dir, 'q.jsonl') }, { store });
      assert.equal(all.itemsWritten, allNames().length);
      const lines = fs.readFileSync(path.join(dir, 'q.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { QueueUrl: string; name: string });
      assert.deepEqual(lines.map((line) => line.name).sort(), allNames());
      assert.ok(lines.every((line) => line.QueueUrl.endsWith(`/${line.name}`)));

      const list = parseAddress('sqs:queues?prefix=orders-');
      await startExport(env.session, { target, list, pageSize: 2, format: 'csv', outputPath: path.join(dir, 'o.csv') }, { store });
      const csv = fs.readFileSync(path.join(dir, 'o.csv'), 'utf8').split('\r\n');
      assert.equal(csv[0], 'QueueUrl,name,arn');
      assert.deepEqual(csv.slice(1, -1).map((row) => row.split(',')[1]), [...numberedNames('orders', 5, 2), 'orders-dlq']);
    });

    it('the CLI exports sqs:queues?prefix=… and a dead-letter queue\'s sources by its ARN', async function () {
      const cli = await builtCli();
      const env2 = { ...process.env, AWS_ENDPOINT_URL: env.proxy.endpoint, AWS_REGION: 'us-east-1', XDG_STATE_HOME: path.join(dir, 'state') };
      const filtered = await runProcess(nodeBinary, [cli, 'sqs:queues?prefix=orders-0', '--out', 'o.jsonl'], { env: env2, cwd: dir });
      assert.equal(filtered.code, 0, filtered.stderr);
      assert.match(filtered.stderr, /Exported 5 queues to o\.jsonl/);
      const arn = await queueArn(env.session, dlqUrl);
      const sources = await runProcess(nodeBinary, [cli, arn, '--out', 's.csv'], { env: env2, cwd: dir });
      assert.equal(sources.code, 0, sources.stderr);
      assert.equal(fs.readFileSync(path.join(dir, 's.csv'), 'utf8').trim().split('\r\n').length, 6);
    });
  });
});
