// Starts the emulators (fauxqs, dynalite, the Logs and EC2 stand-ins) on 127.0.0.1 seeded with demo data, for `npm run demo`, the e2e tests and the
// "Run Extension (demo data)" launch configuration. Run directly: `npx tsx scripts/emulator.ts [--aws-dir DIR]`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  createBucket, createQueues, createTable, createTopics, numberedNames, putItems, putObjects, queueArn, startEmulator, subscribeEmails, testSession,
  type Emulator,
} from '../test/support/emulator';
import { cacheRoot } from './lib/paths';
import { createHash } from 'node:crypto';
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, PutObjectCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { s3Client } from '../src/core/services/s3/client';
import { type AwsSession } from '../src/core/aws/session';
import { putReport, type ReportSpec } from '../test/support/inventoryReports';

/** Fake credentials: the emulator checks no signatures, but the SDK must have something to sign with. */
export const demoCredentials = { accessKeyId: 'AKIDDEMOEMULATOR', secretAccessKey: 'demo-secret-not-a-real-key' };
export const demoRegion = 'us-east-1';

/**
 * What was seeded: the ground truth the e2e tests compare the tree and exports with. Names that page have one
 * shape (lower case, zero padded): fauxqs sorts with localeCompare but resumes with `>`, so mixed shapes could
 * repeat or drop items across pages there (AWS itself is fine).
 */
export interface DemoData {
  readonly topics: readonly { name: string; arn: string; subscriptions: readonly string[] }[];
  readonly buckets: readonly { name: string; keys: readonly string[] }[];
  /** Queue names; `deadLetterQueues` maps a dead-letter queue to the names of its sources. */
  readonly queues: readonly string[];
  readonly deadLetterQueues: Readonly<Record<string, readonly string[]>>;
  /** Table names, and the items of the tables that have some, typed. */
  readonly tables: readonly string[];
  readonly items: Readonly<Record<string, readonly Record<string, AttributeValue>[]>>;
  /** CloudWatch Logs (the stand-in): the group names; the big stream; the group a search pages through empty pages of. */
  readonly logs: {
    readonly groups: readonly string[];
    readonly big: { readonly group: string; readonly stream: string; readonly events: number };
    readonly sparse: { readonly group: string; readonly pattern: string; readonly matches: number; readonly events: number };
  };
  /** EC2 instances (the stand-in): their ids, in the order DescribeInstances gives them, and how many are running. */
  readonly instances: readonly string[];
  readonly runningInstances: number;
  /** AWS Health (the stand-in): events in the account's view by status, those with entities, the organization's. */
  readonly health: {
    readonly events: number;
    readonly open: number;
    readonly upcoming: number;
    readonly closed: number;
    readonly withEntities: number;
    readonly organizationAccounts: readonly string[];
    readonly organizationEvents: number;
  };
  /** Resource Explorer (the stand-in): its resources, and the demo's own among them (Reveal in Explorer lands on them). */
  readonly resourceExplorer: {
    readonly resources: number;
    readonly regions: readonly string[];
    readonly types: number;
    readonly buckets: number;
  };
  /** demo-archive's S3 Inventory reports, newest first within a configuration (their folders are dated from today). */
  readonly inventory: readonly { readonly config: string; readonly stamp: string; readonly format: string; readonly rows: number }[];
}

/** 5,000 items with every attribute type, numbers JavaScript would round, binary, sets, nesting, Unicode. */
export function demoItems(count = 5000): Record<string, AttributeValue>[] {
  return numberedNames('item', count, 5).map((pk, i) => ({
    pk: { S: pk },
    name: { S: i % 7 === 0 ? `Ünïcødé ${i} 日本語 😀` : `item number ${i}` },
    price: { N: `${i}.${String(i * 37 % 100).padStart(2, '0')}` },
    big: { N: `${1234567890123456789n + BigInt(i)}00000000000000000` },
    exact: { N: `0.${'1'.repeat(20)}${i}` },
    bin: { B: Buffer.from([i % 256, (i >> 8) % 256, 0, 255]) },
    tags: { SS: ['demo', `tag-${i % 10}`] },
    scores: { NS: [String(i), String(i * 2 + 1)] },
    blobs: { BS: [Buffer.from(`blob-${i}`)] },
    history: { L: [{ S: 'created' }, { N: String(i) }, { BOOL: i % 2 === 0 }, { NULL: true }] },
    details: { M: { color: { S: ['red', 'green', 'blue'][i % 3] }, size: { M: { w: { N: String(i % 50) }, h: { N: '3' } } } } },
    ...(i % 5 === 0 ? { note: { NULL: true } } : { active: { BOOL: i % 3 === 0 } }),
  }));
}

/** 200 customers with 5 orders each, keyed by customer and date, with an index by status. */
export function demoOrders(): Record<string, AttributeValue>[] {
  return numberedNames('cust', 200, 4).flatMap((customer, c) => ['2024-01-15', '2024-03-02', '2024-06-30', '2025-01-08', '2025-02-14'].map((date, o) => ({
    customer: { S: customer }, date: { S: date }, total: { N: String(10 + ((c * 5 + o) * 7) % 490) }, status: { S: ['open', 'shipped', 'delivered'][(c + o) % 3] },
  })));
}

/** The big demo bucket: nested folders, one with more than a page of objects. */
export function archiveKeys(): string[] {
  const keys = ['readme.txt'];
  for (const year of ['2023', '2024']) {
    for (let month = 1; month <= 12; month++) {
      const folder = `reports/${year}/${String(month).padStart(2, '0')}/`;
      keys.push(...numberedNames(`${folder}report`, 100).map((k) => `${k}.csv`));
    }
  }
  keys.push(...numberedNames('images/img', 600).map((k) => `${k}.png`));
  return keys;
}

/**
 * demo-archive's S3 Inventory: a daily CSV configuration with two reports and a weekly Parquet one, written to
 * demo-inventory as AWS writes them, listing the bucket's own keys.
 */
async function seedInventory(emulator: Emulator, session: AwsSession): Promise<{ reports: DemoData['inventory']; keys: string[] }> {
  await createBucket(session, 'demo-inventory');
  const keys = [...archiveKeys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const base = { sourceBucket: 'demo-archive', destinationBucket: 'demo-inventory', destinationPrefix: 'inventory', keys, rows: keys.length, files: 3 } as const;
  // Dated yesterday and the day before, as a daily inventory is: recent enough to be offered for Export and Summarize.
  const day = (daysAgo: number, time: string) => `${new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)}T${time}Z`;
  const reports: ReportSpec[] = [
    { ...base, configId: 'daily-csv', stamp: day(1, '01-00'), format: 'CSV' },
    { ...base, configId: 'daily-csv', stamp: day(2, '01-00'), format: 'CSV', keys: keys.slice(0, 2_500), rows: 2_500 },
    { ...base, configId: 'weekly-parquet', stamp: day(1, '02-00'), format: 'Parquet', rowGroupSize: 1_000 },
  ];
  const written: string[] = [];
  for (const report of reports) {
    emulator.inventory.put('demo-archive', {
      id: report.configId, destinationBucket: report.destinationBucket, destinationPrefix: report.destinationPrefix, format: report.format,
      frequency: report.configId === 'daily-csv' ? 'Daily' : 'Weekly',
    });
    written.push(...(await putReport(session, report)).map((object) => object.key));
  }
  return {
    reports: reports.map((report) => ({ config: report.configId, stamp: report.stamp, format: report.format, rows: report.rows })),
    keys: written.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
  };
}

/** `demo-files`: objects with real content, to open, download and share. */
export const demoFiles = {
  'notes.md': '# Demo notes\n\nOpened from S3 by **Paged AWS Explorer**, read-only.\n',
  'config.json': '{\n  "service": "orders",\n  "retries": 3\n}\n',
} as const;

/** A 20 MB object of deterministic bytes (SHA-256 chained), for Download… and its check. */
export function demoBlob(size = 20 * 1024 * 1024): Buffer {
  const blob = Buffer.alloc(size);
  let block = createHash('sha256').update('paged-aws-explorer demo blob').digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(blob, offset);
    block = createHash('sha256').update(block).digest();
  }
  return blob;
}

/** Keys that trip up naive URL, CSV or shell handling. */
export const awkwardKeys = [
  'with space.txt',
  'folder with space/inner file.txt',
  'plus+sign.txt',
  'percent%20literal.txt',
  'unicode-é-日本語.txt',
  'emoji-😀.txt',
  'comma,quote".txt',
  'a&b=c?.txt',
];

/**
 * CloudWatch Logs and EC2, put straight into the stand-ins' stores (they have no write API: the explorer sends none):
 * 120 log groups (DescribeLogGroups pages by 50), one with 60 streams; one stream of 25,000 events; a group whose
 * ERROR events are all at its end, so a search pages through empty pages first; 1,500 instances in every state.
 */
export function seedLogsAndInstances(emulator: Emulator, now = Date.now()): Pick<DemoData, 'logs' | 'instances' | 'runningInstances'> {
  const { logs, ec2 } = emulator;
  const groups = [...numberedNames('/demo/app', 100, 3), ...numberedNames('/aws/lambda/demo-fn', 17, 2)];
  groups.forEach((group, g) => {
    logs.createLogGroup(group, { creationTime: now - 90 * 86_400_000 + g * 60_000, retentionInDays: [undefined, 7, 30, 365][g % 4], metricFilters: g % 5 });
  });
  const busy = groups[0];
  numberedNames('stream', 60, 3).forEach((stream, i) => {
    logs.createLogStream(busy, stream);
    logs.putEvents(busy, stream, [{ timestamp: now - (60 - i) * 60_000, message: `${stream} started` }, { timestamp: now - (60 - i) * 60_000 + 500, message: i % 10 === 0 ? `ERROR ${stream} failed` : `${stream} ok` }]);
  });
  const big = { group: '/demo/big', stream: 'web-1', events: 25_000 };
  logs.createLogGroup(big.group, { creationTime: now - 86_400_000, retentionInDays: 14 });
  logs.createLogStream(big.group, big.stream);
  logs.putEvents(big.group, big.stream, Array.from({ length: big.events }, (_, i) => ({
    timestamp: now - (big.events - i) * 1000,
    message: i % 97 === 0 ? `ERROR request ${i} timed out\n  at handler (index.js:42)` : `INFO request ${i} served in ${i % 250} ms`,
  })));
  const sparse = { group: '/demo/sparse', pattern: 'ERROR', matches: 40, events: 12_000 };
  logs.createLogGroup(sparse.group, { creationTime: now - 86_400_000 });
  for (const stream of ['a', 'b', 'c']) {
    logs.createLogStream(sparse.group, stream);
  }
  ['a', 'b', 'c'].forEach((stream, s) => {
    logs.putEvents(sparse.group, stream, Array.from({ length: sparse.events / 3 }, (_, j) => {
      const i = j * 3 + s;
      const late = i >= sparse.events - sparse.matches;
      return { timestamp: now - (sparse.events - i) * 500, message: late ? `ERROR disk full on node ${i}` : `INFO heartbeat ${i}` };
    }));
  });
  const instances = ec2.seedInstances(1500);
  return {
    logs: { groups: [...groups, big.group, sparse.group].sort(), big, sparse },
    instances: ec2.instances().map((instance) => instance.instanceId),
    runningInstances: instances.filter((instance) => instance.state === 'running').length,
  };
}

/**
 * AWS Health, straight into the stand-in's store (deterministic for its seed): 2,345 events in the account's view
 * (open, upcoming, closed; 120 with affected entities, in the account and some in the other accounts), and an
 * organization of 3 accounts whose view adds 155 events of the other two.
 */
export function seedHealth(emulator: Emulator): DemoData['health'] {
  const { health } = emulator;
  const [account, ...others] = health.organizationAccounts;
  const events = health.seedEvents(2345, { seed: 'demo', accounts: [account], entityShare: 0 });
  health.seedEvents(155, { seed: 'demo', accounts: others, entityShare: 0, publicShare: 0 });
  const withEntities = events.filter((event) => event.eventScopeCode === 'ACCOUNT_SPECIFIC').filter((_, i) => i % 10 === 0).slice(0, 120);
  withEntities.forEach((event, i) => {
    const statusCode = event.statusCode === 'closed' ? 'RESOLVED' as const : event.statusCode === 'upcoming' ? 'PENDING' as const : 'IMPAIRED' as const;
    const accounts = [account, ...others.slice(0, i % 3)];
    health.addEntities(event.arn, accounts.flatMap((awsAccountId) => Array.from({ length: 1 + (i % 4) }, (_, k) => ({
      entityValue: `${event.service.toLowerCase()}-resource-${String(i).padStart(3, '0')}-${k}`, awsAccountId, statusCode,
    }))));
  });
  const count = (status: string) => events.filter((event) => event.statusCode === status).length;
  return {
    events: events.length, open: count('open'), upcoming: count('upcoming'), closed: count('closed'), withEntities: withEntities.length,
    organizationAccounts: [...health.organizationAccounts], organizationEvents: health.events().filter((event) => health.visibleToOrganization(event)).length,
  };
}

/**
 * Resource Explorer, straight into the stand-in's store: an aggregator index in the demo's Region and local ones in
 * three others, a default view with tags, 12,000 resources of 40 types (so that a plain search, and `service:s3`, pass
 * the 1,000 a query returns), the demo's own buckets, topics, queues, tables, log groups and instances among them.
 */
export function seedResourceExplorer(emulator: Emulator, own: readonly string[]): DemoData['resourceExplorer'] {
  const { resourceExplorer } = emulator;
  const regions = [demoRegion, 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
  for (const region of regions) {
    resourceExplorer.addIndex(region, { type: region === demoRegion ? 'AGGREGATOR' : 'LOCAL' });
  }
  resourceExplorer.addView(demoRegion, 'all-resources', { includedProperties: ['tags'], makeDefault: true });
  resourceExplorer.addView(demoRegion, 'no-tags', {});
  resourceExplorer.addResources(own.map((arn) => ({ arn, region: /^arn:aws:s3:::/.test(arn) ? demoRegion : undefined })));
  // More buckets than any other type, so that `service:s3` alone passes the cap too.
  resourceExplorer.seedResources(1_600, { regions, types: ['s3:bucket'], seed: 'demo-buckets' });
  resourceExplorer.seedResources(12_000 - 1_600 - own.length, { regions, seed: 'demo' });
  return {
    resources: resourceExplorer.resources().length, regions, types: new Set(resourceExplorer.resources().map((r) => r.resourceType)).size,
    buckets: resourceExplorer.resources().filter((r) => r.resourceType === 's3:bucket').length,
  };
}

/** The default profile's data: 250 topics (three pages), a few with subscriptions, three buckets. */
export async function seedDemo(emulator: Emulator): Promise<DemoData> {
  const session = testSession(emulator.endpoint, { region: demoRegion });
  const topicNames = numberedNames('demo-topic', 250, 3);
  const arns = await createTopics(session, topicNames);
  const subscriptions = new Map<string, string[]>([
    [arns[0], numberedNames('subscriber', 120, 3).map((n) => `${n}@example.com`)],
    [arns[1], ['alice@example.com', 'bob@example.com', 'carol@example.com']],
    [arns[2], ['ops@example.com']],
  ]);
  for (const [arn, emails] of subscriptions) {
    await subscribeEmails(session, arn, emails);
  }
  const buckets = [
    { name: 'demo-archive', keys: archiveKeys() },
    { name: 'demo-empty', keys: [] },
    { name: 'demo-files', keys: ['blob-20mb.bin', ...Object.keys(demoFiles)].sort() },
    { name: 'demo-odd-keys', keys: awkwardKeys },
  ];
  for (const bucket of buckets) {
    await createBucket(session, bucket.name);
    if (bucket.name !== 'demo-files') {
      await putObjects(session, bucket.name, bucket.keys);
    }
  }
  const s3 = await session.client(s3Client);
  for (const [Key, Body] of Object.entries(demoFiles)) {
    await s3.send(new PutObjectCommand({ Bucket: 'demo-files', Key, Body }));
  }
  // In parts of 8 MiB, as S3 takes large objects (fauxqs takes at most 11 MiB a request).
  const blob = demoBlob();
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'demo-files', Key: 'blob-20mb.bin' }));
  const parts = [];
  for (let offset = 0, PartNumber = 1; offset < blob.length; offset += 8 * 1024 * 1024, PartNumber++) {
    const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'demo-files', Key: 'blob-20mb.bin', UploadId, PartNumber, Body: blob.subarray(offset, offset + 8 * 1024 * 1024) }));
    parts.push({ ETag, PartNumber });
  }
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'demo-files', Key: 'blob-20mb.bin', UploadId, MultipartUpload: { Parts: parts } }));
  const inventory = await seedInventory(emulator, session);
  const allBuckets = [...buckets, { name: 'demo-inventory', keys: inventory.keys }].sort((a, b) => (a.name < b.name ? -1 : 1));
  // SQS: 1,205 queues; five dead-letter queues, with 40 sources each for the first and a few for the others.
  const deadLetterQueues: Record<string, string[]> = {};
  const queues = numberedNames('demo-queue', 1200, 4);
  const dlqs = numberedNames('demo-dlq', 5, 1);
  await createQueues(session, queues.slice(200));
  for (const [i, dlq] of dlqs.entries()) {
    const [url] = await createQueues(session, [dlq]);
    const sources = queues.slice(i * 40, i === 0 ? 40 : i * 40 + 2 + i);
    await createQueues(session, sources, await queueArn(session, url));
    deadLetterQueues[dlq] = sources;
  }
  await createQueues(session, queues.filter((name, i) => i < 200 && !Object.values(deadLetterQueues).flat().includes(name)));
  // DynamoDB: 130 tables (ListTables pages at 100), one of 5,000 items of every type, one with a composite key and an
  // index, one empty.
  const plainTables = numberedNames('demo-table', 127, 3);
  await Promise.all(plainTables.map((name) => createTable(session, name, ['id:S'])));
  await createTable(session, 'demo-items', ['pk:S']);
  await createTable(session, 'demo-orders', ['customer:S', 'date:S'], { byStatus: ['status:S', 'date:S'] });
  await createTable(session, 'demo-empty', ['pk:S']);
  const items = { 'demo-items': demoItems(), 'demo-orders': demoOrders() };
  for (const [table, typed] of Object.entries(items)) {
    await putItems(session, table, typed);
  }
  const logsAndInstances = seedLogsAndInstances(emulator);
  const account = arns[0].split(':')[4];
  const own = [
    ...allBuckets.map((bucket) => `arn:aws:s3:::${bucket.name}`),
    ...arns.slice(0, 20),
    ...dlqs.map((name) => `arn:aws:sqs:${demoRegion}:${account}:${name}`),
    ...['demo-items', 'demo-orders', 'demo-empty'].map((table) => `arn:aws:dynamodb:${demoRegion}:${account}:table/${table}`),
    ...logsAndInstances.logs.groups.slice(0, 10).map((group) => `arn:aws:logs:${demoRegion}:${emulator.ec2.ownerId}:log-group:${group}`),
    ...logsAndInstances.instances.slice(0, 10).map((id) => `arn:aws:ec2:${demoRegion}:${emulator.ec2.ownerId}:instance/${id}`),
  ];
  return {
    topics: topicNames.map((name, i) => ({ name, arn: arns[i], subscriptions: subscriptions.get(arns[i]) ?? [] })),
    buckets: allBuckets,
    queues: [...queues, ...dlqs].sort(),
    deadLetterQueues,
    tables: [...plainTables, 'demo-items', 'demo-orders', 'demo-empty'].sort(),
    items,
    ...logsAndInstances,
    health: seedHealth(emulator),
    resourceExplorer: seedResourceExplorer(emulator, own),
    inventory: inventory.reports,
  };
}

/** The second profile's data: small and different, so switching profiles visibly reloads the tree. */
export async function seedOther(endpoint: string): Promise<DemoData> {
  const session = testSession(endpoint, { region: demoRegion });
  const topicNames = numberedNames('other-topic', 3, 1);
  const arns = await createTopics(session, topicNames);
  await createBucket(session, 'other-bucket');
  await putObjects(session, 'other-bucket', ['hello.txt']);
  await createQueues(session, ['other-queue']);
  await createTable(session, 'other-table', ['pk:S']);
  return {
    topics: topicNames.map((name, i) => ({ name, arn: arns[i], subscriptions: [] })),
    buckets: [{ name: 'other-bucket', keys: ['hello.txt'] }],
    queues: ['other-queue'],
    deadLetterQueues: {},
    tables: ['other-table'],
    items: {},
    logs: { groups: [], big: { group: '', stream: '', events: 0 }, sparse: { group: '', pattern: '', matches: 0, events: 0 } },
    instances: [],
    runningInstances: 0,
    health: { events: 0, open: 0, upcoming: 0, closed: 0, withEntities: 0, organizationAccounts: [], organizationEvents: 0 },
    resourceExplorer: { resources: 0, regions: [], types: 0, buckets: 0 },
    inventory: [],
  };
}

export interface DemoEmulators {
  /** The `demo` profile's emulator. */
  readonly main: Emulator;
  readonly mainData: DemoData;
  /** The `demo-other` profile's emulator. */
  readonly other: Emulator;
  readonly otherData: DemoData;
  /** Shared config/credentials files naming both, and the environment that points the SDK at them. */
  readonly awsDir: string;
  readonly awsEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Writes `config` and `credentials` the way `aws configure` would, one profile per emulator endpoint
 * (`endpoint_url`), all with the demo keys. Returns the variables that point the SDK at them.
 */
export function writeAwsFiles(dir: string, endpoints: Readonly<Record<string, string>>): Record<string, string> {
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  const profiles = Object.entries(endpoints);
  fs.writeFileSync(config, [
    '# Written by scripts/emulator.ts: profiles for local fauxqs emulators (demo data only).',
    ...profiles.flatMap(([name, endpoint]) => [`[profile ${name}]`, `region = ${demoRegion}`, `endpoint_url = ${endpoint}`, '']),
  ].join('\n'));
  fs.writeFileSync(credentials, profiles.flatMap(([name]) => [
    `[${name}]`, `aws_access_key_id = ${demoCredentials.accessKeyId}`, `aws_secret_access_key = ${demoCredentials.secretAccessKey}`, '',
  ]).join('\n'), { mode: 0o600 });
  return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
}

/**
 * The environment for processes that talk to the demo emulators: the user's own AWS variables removed, so a real
 * profile, endpoint or key can neither leak into the demo nor be used by it.
 */
export function isolatedAwsEnv(awsEnv: Record<string, string>, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (!name.startsWith('AWS_')) {
      env[name] = value;
    }
  }
  // A profile without keys must not make the SDK's chain ask the EC2 metadata address: the demo is loopback only.
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', ...awsEnv };
}

/** Starts both emulators, seeds them and writes the AWS files into `awsDir`. */
export async function startDemoEmulators(options: { readonly awsDir: string }): Promise<DemoEmulators> {
  // The seeding clients read credentials from the environment of this process only.
  process.env.AWS_ACCESS_KEY_ID = demoCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = demoCredentials.secretAccessKey;
  delete process.env.AWS_PROFILE;
  // Free ports each time: the AWS config file carries them to every client.
  const main = await startEmulator();
  const other = await startEmulator();
  try {
    const [mainData, otherData] = [await seedDemo(main), await seedOther(other.endpoint)];
    const awsEnv = writeAwsFiles(options.awsDir, { demo: main.endpoint, 'demo-other': other.endpoint });
    return {
      main, mainData, other, otherData, awsDir: options.awsDir, awsEnv,
      stop: async () => {
        await Promise.all([main.stop(), other.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([main.stop(), other.stop()]);
    throw error;
  }
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const awsDir = path.resolve(argValue('--aws-dir') ?? path.join(cacheRoot, 'demo-aws'));
  const started = Date.now();
  console.log('Seeding the demo emulators…');
  const demo = await startDemoEmulators({ awsDir });
  const objects = demo.mainData.buckets.reduce((n, b) => n + b.keys.length, 0);
  console.log(`Seeded ${demo.mainData.topics.length} topics, ${demo.mainData.buckets.length} buckets (${objects} objects), ${demo.mainData.queues.length} queues, ${demo.mainData.tables.length} tables, ${demo.mainData.logs.groups.length} log groups, ${demo.mainData.instances.length} EC2 instances, ${demo.mainData.health.events} Health events and ${demo.mainData.resourceExplorer.resources} Resource Explorer resources in ${Date.now() - started} ms.`);
  console.log(`AWS_CONFIG_FILE=${demo.awsEnv.AWS_CONFIG_FILE}`);
  console.log(`AWS_SHARED_CREDENTIALS_FILE=${demo.awsEnv.AWS_SHARED_CREDENTIALS_FILE}`);
  console.log('Profiles: demo, demo-other.');
  // The launch configuration's preLaunchTask waits for this line (see .vscode/tasks.json).
  console.log(`Demo emulator ready on ${demo.main.endpoint} (demo-other: ${demo.other.endpoint}). Ctrl-C stops it.`);
  const stop = () => {
    void demo.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
