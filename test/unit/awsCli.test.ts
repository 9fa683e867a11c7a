// Records named the AWS way: every list exported by us and listed by the AWS CLI (Debian's `awscli`) against the same
// emulator, compared record by record: the same field names for the same values, timestamps the same instant. A
// `jq` or DuckDB query written for the AWS CLI's output runs on our JSON Lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import { listingTarget } from '../../src/core/export/checkpoint';
import { startExport } from '../../src/core/export/exporter';
import { FileCheckpointStore } from '../../src/core/export/fileCheckpointStore';
import { parseListArgument } from '../../src/cli/listArgument';
import { runProcess } from '../support/cli';
import {
  createBucket, createQueues, createTable, createTopics, numberedNames, putItems, putObjects, subscribeEmails, useEmulator,
} from '../support/emulator';
import { type ListRef } from '../../src/core/lists';

const AWS = '/usr/bin/aws';

/** Debian's awscli; CI installs it (.ci/run), so there a missing one fails instead of skipping. */
function awsCliPresent(): boolean {
  if (fs.existsSync(AWS)) {
    return true;
  }
  if (process.env.CI) {
    throw new Error(`${AWS} is missing: .ci/run installs Debian's awscli for this test`);
  }
  return false;
}

describe('exported records and the AWS CLI\'s JSON agree field by field', function () {
  let dir: string;
  let topicArn: string;
  const items: Record<string, AttributeValue>[] = numberedNames('i', 30, 3).map((pk, i) => ({
    pk: { S: pk }, n: { N: String(i * 1.5) }, b: { B: Buffer.from([i, 255]) }, tags: { SS: ['x', `t${i}`] }, m: { M: { ok: { BOOL: i % 2 === 0 } } },
  }));

  before(function () {
    if (!awsCliPresent()) {
      console.log(`      (skipped: ${AWS} not installed; apt-get install awscli)`);
      this.skip();
    }
  });

  const env = useEmulator(async (seed) => {
    await createBucket(seed, 'cli-compare');
    await putObjects(seed, 'cli-compare', ['a/1.txt', 'a/2.txt', 'b/c/3.txt', 'top.txt', 'z.txt']);
    await createBucket(seed, 'cli-compare-2');
    [topicArn] = await createTopics(seed, numberedNames('cmp-topic', 12));
    await subscribeEmails(seed, topicArn, ['one@example.com', 'two@example.com']);
    await createQueues(seed, numberedNames('cmp-queue', 7));
    await createTable(seed, 'cmp-table', ['pk:S']);
    await putItems(seed, 'cmp-table', items);
  });

  before(function () {
    // CloudWatch Logs and EC2: the stand-ins' stores (they have no write API; the AWS CLI reads them like AWS).
    const { logs, ec2 } = env.emulator;
    const now = Date.now();
    logs.createLogGroup('/cmp/app', { retentionInDays: 7, metricFilters: 1, creationTime: now - 86_400_000 });
    logs.createLogGroup('/cmp/other');
    for (const stream of ['s1', 's2']) {
      logs.createLogStream('/cmp/app', stream);
      logs.putEvents('/cmp/app', stream, numberedNames(`${stream}-event`, 8).map((message, i) => ({ timestamp: now - 3_600_000 + i * 1000, message })));
    }
    ec2.seedInstances(12);
  });

  beforeEach(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paged-aws-cli-compare-'));
  });
  afterEach(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What the AWS CLI prints for `args`, against the emulator (it pages by itself). Asynchronously: the emulator runs in this process. */
  async function awsCli(args: readonly string[]): Promise<Record<string, unknown[]>> {
    const run = await runProcess(AWS, [...args, '--endpoint-url', env.emulator.endpoint, '--region', 'us-east-1', '--output', 'json'], {
      env: { ...process.env, AWS_PAGER: '', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none') },
    });
    assert.equal(run.code, 0, `aws ${args.join(' ')}: ${run.stderr}`);
    return JSON.parse(run.stdout || '{}') as Record<string, unknown[]>;
  }

  /** Our JSON Lines export of a list, read back. */
  async function ours(list: ListRef): Promise<Record<string, unknown>[]> {
    const store = new FileCheckpointStore(path.join(dir, 'state'));
    const outputPath = path.join(dir, 'out.jsonl');
    await startExport(env.session, { target: listingTarget(env.session.connection), list, pageSize: 3, format: 'jsonl', outputPath }, { store });
    return fs.readFileSync(outputPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /**
   * The AWS CLI's item and ours name the same fields with the same values; timestamps are the same instant. Our own
   * additions are lower camel case, apart from the API's PascalCase names, and are not compared.
   */
  function sameRecords(mine: readonly Record<string, unknown>[], theirs: readonly Record<string, unknown>[], what: string): void {
    assert.equal(mine.length, theirs.length, `${what}: as many records`);
    theirs.forEach((their, i) => {
      const api = Object.fromEntries(Object.entries(mine[i]).filter(([name]) => /^[A-Z]/.test(name)));
      assert.deepEqual(Object.keys(api).sort(), Object.keys(their).sort(), `${what} #${i}: the same field names`);
      for (const [name, value] of Object.entries(their)) {
        if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) {
          assert.equal(Date.parse(String(api[name])), Date.parse(value), `${what} #${i}: ${name} the same instant`);
        } else {
          assert.deepEqual(api[name], value, `${what} #${i}: ${name}`);
        }
      }
    });
  }

  it('S3: list-objects-v2 (every key, and one folder level with its common prefixes) and list-buckets', async function () {
    const cli = await awsCli(['s3api', 'list-objects-v2', '--bucket', 'cli-compare']);
    sameRecords(await ours(parseListArgument('s3://cli-compare/', false).list), cli.Contents as Record<string, unknown>[], 'objects');

    const level = await awsCli(['s3api', 'list-objects-v2', '--bucket', 'cli-compare', '--delimiter', '/']);
    const folderLevel = await ours(parseListArgument('s3://cli-compare/', true).list);
    sameRecords(folderLevel.filter((r) => r.itemType === 'object'), level.Contents as Record<string, unknown>[], 'objects beside folders');
    sameRecords(folderLevel.filter((r) => r.itemType === 'folder'), level.CommonPrefixes as Record<string, unknown>[], 'folders');

    sameRecords(await ours(parseListArgument('s3://', false).list), (await awsCli(['s3api', 'list-buckets'])).Buckets as Record<string, unknown>[], 'buckets');
  });

  it('SNS: list-topics and list-subscriptions-by-topic', async function () {
    sameRecords(await ours(parseListArgument('sns:topics', false).list), (await awsCli(['sns', 'list-topics'])).Topics as Record<string, unknown>[], 'topics');
    const subscriptions = (await awsCli(['sns', 'list-subscriptions-by-topic', '--topic-arn', topicArn])).Subscriptions as Record<string, unknown>[];
    sameRecords(await ours(parseListArgument(topicArn, false).list), subscriptions, 'subscriptions');
  });

  it('SQS list-queues and DynamoDB list-tables (lists of names) and scan (items in DynamoDB JSON, binary as base64)', async function () {
    const queues = await ours(parseListArgument('sqs:queues', false).list);
    assert.deepEqual(queues.map((q) => q.QueueUrl), (await awsCli(['sqs', 'list-queues'])).QueueUrls);
    const tables = await ours(parseListArgument('dynamodb:tables', false).list);
    assert.deepEqual(tables.map((t) => t.TableName), (await awsCli(['dynamodb', 'list-tables'])).TableNames);
    const scanned = (await awsCli(['dynamodb', 'scan', '--table-name', 'cmp-table'])).Items as Record<string, unknown>[];
    const exported = await ours(parseListArgument('dynamodb:table/cmp-table', false).list);
    assert.deepEqual(exported.map((record) => Object.keys(record)), exported.map(() => ['Item']), 'one {"Item": …} per line');
    // An item's attribute names are the table's own: the whole typed item must be the same.
    assert.deepEqual(exported.map((record) => record.Item), scanned);
  });

  it('CloudWatch Logs: describe-log-groups, describe-log-streams, get-log-events and filter-log-events (ours add the instants in ISO 8601, as …Iso)', async function () {
    // Fields of the API newer than the model of Debian's awscli, which leaves out what its model does not name.
    const newer = ['logGroupArn', 'logGroupClass'];
    const same = (mine: readonly Record<string, unknown>[], theirs: readonly Record<string, unknown>[], extra: readonly string[], what: string) => {
      assert.equal(mine.length, theirs.length, `${what}: as many records`);
      theirs.forEach((their, i) => {
        const compared = Object.keys(mine[i]).filter((name) => !extra.includes(name) && !(newer.includes(name) && !(name in their)));
        assert.deepEqual(compared.sort(), Object.keys(their).sort(), `${what} #${i}: the same field names, ours apart`);
        for (const [name, value] of Object.entries(their)) {
          assert.deepEqual(mine[i][name], value, `${what} #${i}: ${name}`);
        }
      });
    };
    same(await ours(parseListArgument('logs:groups?prefix=/cmp/', false).list),
      (await awsCli(['logs', 'describe-log-groups', '--log-group-name-prefix', '/cmp/'])).logGroups as Record<string, unknown>[], ['creationTimeIso'], 'log groups');
    same(await ours(parseListArgument('logs:streams//cmp/app', false).list),
      (await awsCli(['logs', 'describe-log-streams', '--log-group-name', '/cmp/app', '--order-by', 'LastEventTime', '--descending'])).logStreams as Record<string, unknown>[], ['lastEventTimestampIso'], 'log streams');
    same(await ours(parseListArgument('logs:stream//cmp/app:s1', false).list),
      (await awsCli(['logs', 'get-log-events', '--log-group-name', '/cmp/app', '--log-stream-name', 's1', '--start-from-head'])).events as Record<string, unknown>[], ['timestampIso', 'ingestionTimeIso'], 'stream events');
    same(await ours(parseListArgument('logs:group//cmp/app', false).list),
      (await awsCli(['logs', 'filter-log-events', '--log-group-name', '/cmp/app'])).events as Record<string, unknown>[], ['timestampIso', 'ingestionTimeIso'], 'group events');
  });

  it('EC2: describe-instances, its reservations flattened into instances (ours add name and arn)', async function () {
    const described = (await awsCli(['ec2', 'describe-instances'])).Reservations as { Instances: Record<string, unknown>[] }[];
    sameRecords(await ours(parseListArgument('ec2:instances', false).list), described.flatMap((reservation) => reservation.Instances), 'instances');
  });
});
