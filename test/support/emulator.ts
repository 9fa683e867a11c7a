import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { BatchWriteItemCommand, CreateTableCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { AwsSession } from '../../src/core/aws/session';
import { s3Client } from '../../src/core/services/s3/client';
import { snsClient } from '../../src/core/services/sns/client';
import { sqsClient } from '../../src/core/services/sqs/client';
import { dynamodbClient } from '../../src/core/services/dynamodb/client';
import { type Connection } from '../../src/core/aws/connection';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { startServiceRouter, type RoutedRequest } from './serviceRouter';
import { deadLetterSourcesHandler } from './sqsDeadLetterSources';
import { queryListQueuesHandler } from './sqsQueryProtocol';
import { isListBuckets, listBucketsHandler } from './s3ListBuckets';
import { subscriptionsByTopicHandler } from './snsSubscriptionsByTopic';
import { ec2Handler, Ec2Store } from './ec2StandIn';
import { logsHandler, LogsStore } from './logsStandIn';
import { healthHandler, HealthStore } from './healthStandIn';
import { resourceExplorerHandler, ResourceExplorerStore } from './resourceExplorerStandIn';
import { inventoryHandler, InventoryStore, isInventoryRequest } from './s3InventoryStandIn';

/**
 * The AWS-compatible emulators on 127.0.0.1 behind one endpoint (see serviceRouter.ts): fauxqs (SNS, SQS, S3) and
 * dynalite (DynamoDB), the stand-ins for the SQS operations fauxqs lacks and for the S3 and SNS paging and errors it
 * does not do (s3ListBuckets.ts, snsSubscriptionsByTopic.ts), and the stand-in servers of CloudWatch Logs
 * (logsStandIn.ts), EC2 (ec2StandIn.ts), AWS Health (healthStandIn.ts) and Resource Explorer
 * (resourceExplorerStandIn.ts), for which no emulator exists, and S3's bucket inventory configuration calls
 * (s3InventoryStandIn.ts), which no S3 emulator has.
 */
export interface Emulator {
  readonly endpoint: string;
  readonly port: number;
  /** The CloudWatch Logs stand-in's data: seed it, age its tokens. */
  readonly logs: LogsStore;
  /** The EC2 stand-in's instances. */
  readonly ec2: Ec2Store;
  /** The AWS Health stand-in's events (seed them, update them, age their tokens). */
  readonly health: HealthStore;
  /** The Resource Explorer stand-in's indexes, views and resources. */
  readonly resourceExplorer: ResourceExplorerStore;
  /** The S3 inventory configurations of the emulator's buckets (s3InventoryStandIn.ts); reports are objects in fauxqs. */
  readonly inventory: InventoryStore;
  /** Every request the emulators received through the router, in order. */
  readonly requests: RoutedRequest[];
  /** fauxqs itself, for a test that must bypass the router. */
  readonly fauxqsEndpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts the emulators on free loopback ports. fauxqs needs Node >= 22.5 (node:sqlite); `npm test` runs with the
 * Node 24 from the `node` dev dependency, so this only fails when mocha is started with an older Node by hand.
 */
export async function startEmulator(): Promise<Emulator> {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 5)) {
    throw new Error(`The fauxqs emulator needs Node >= 22.5, this is ${process.version}. Run the tests with "npm test" (it uses the Node 24 from devDependencies).`);
  }
  const { startFauxqs } = await import('fauxqs');
  const fauxqs = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  const fauxqsEndpoint = `http://127.0.0.1:${fauxqs.port}`;
  const dynamodb = await startDynalite();
  const logs = new LogsStore();
  const ec2 = new Ec2Store();
  const health = new HealthStore();
  const resourceExplorer = new ResourceExplorerStore();
  const inventory = new InventoryStore();
  const router = await startServiceRouter({
    fallback: fauxqsEndpoint,
    byTarget: [
      ['DynamoDB_20120810.', dynamodb.endpoint],
      ['AmazonSQS.ListDeadLetterSourceQueues', deadLetterSourcesHandler(fauxqsEndpoint)],
      ['Logs_20140328.', logsHandler(logs)],
      ['AWSHealth_20160804.', healthHandler(health)],
    ],
    bySigningService: [['resource-explorer-2', resourceExplorerHandler(resourceExplorer)]],
    byRequest: [[isListBuckets, listBucketsHandler(fauxqsEndpoint)], [isInventoryRequest, inventoryHandler(inventory, fauxqsEndpoint)]],
    byForm: [
      ['2012-11-05', 'ListQueues', queryListQueuesHandler(fauxqsEndpoint)],
      ['2010-03-31', 'ListSubscriptionsByTopic', subscriptionsByTopicHandler(fauxqsEndpoint)],
      ['2016-11-15', 'DescribeInstances', ec2Handler(ec2)],
    ],
  });
  return {
    endpoint: router.endpoint,
    port: Number(new URL(router.endpoint).port),
    logs,
    ec2,
    health,
    resourceExplorer,
    inventory,
    requests: router.requests,
    fauxqsEndpoint,
    stop: async () => {
      await router.stop();
      await Promise.all([fauxqs.stop(), dynamodb.stop()]);
    },
  };
}

/** dynalite 4 (DynamoDB), in memory, tables active at once. */
async function startDynalite(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => import('node:http').Server;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

export function testConnection(endpointUrl: string, overrides: Partial<Connection> = {}): Connection {
  return {
    profile: 'default',
    profileExplicit: false,
    region: 'us-east-1',
    regionSource: 'setting',
    endpointUrl,
    endpointSource: 'setting',
    retryMode: 'standard',
    maxAttempts: 3,
    ...overrides,
  };
}

/** A session against the emulator; credentials come from the isolated test environment (see isolatedEnv.ts). */
export function testSession(endpointUrl: string, overrides: Partial<Connection> = {}): AwsSession {
  return new AwsSession(testConnection(endpointUrl, overrides));
}

/** What a suite gets from `useEmulator`; filled in by its `before` hook. */
export interface EmulatorFixture {
  readonly emulator: Emulator;
  /** The fault proxy in front of the emulator; reset before every test. */
  readonly proxy: FaultProxy;
  /** A session whose requests go through the proxy. */
  readonly session: AwsSession;
}

/**
 * Registers a suite's mocha hooks: fauxqs and the fault proxy in front of it, seeded once through a direct session;
 * `session` goes through the proxy, whose rule and log are cleared before each test.
 */
export function useEmulator(seed: (session: AwsSession) => Promise<void>, connection: Partial<Connection> = {}): EmulatorFixture {
  const fixture = {} as { emulator: Emulator; proxy: FaultProxy; session: AwsSession };
  before(async function () {
    fixture.emulator = await startEmulator();
    fixture.proxy = await startFaultProxy(fixture.emulator.endpoint);
    const direct = testSession(fixture.emulator.endpoint);
    try {
      await seed(direct);
    } finally {
      direct.dispose();
    }
    fixture.session = testSession(fixture.proxy.endpoint, connection);
  });
  after(async function () {
    fixture.session?.dispose();
    await fixture.proxy?.stop();
    await fixture.emulator?.stop();
  });
  beforeEach(function () {
    fixture.proxy.reset();
  });
  return fixture;
}

/** Names of one shape (`prefix-0001`), zero-padded so every ordering the emulator might use agrees. */
export function numberedNames(prefix: string, count: number, width = 4): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}`);
}

export async function createTopics(session: AwsSession, names: readonly string[]): Promise<string[]> {
  const sns = await session.client(snsClient);
  const arns: string[] = [];
  for (const batch of chunks(names, 25)) {
    const created = await Promise.all(batch.map((Name) => sns.send(new CreateTopicCommand({ Name }))));
    arns.push(...created.map((r) => r.TopicArn!));
  }
  return arns;
}

export async function subscribeEmails(session: AwsSession, topicArn: string, emails: readonly string[]): Promise<void> {
  const sns = await session.client(snsClient);
  for (const batch of chunks(emails, 25)) {
    await Promise.all(batch.map((Endpoint) => sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint }))));
  }
}

export async function createBucket(session: AwsSession, bucket: string): Promise<void> {
  await (await session.client(s3Client)).send(new CreateBucketCommand({ Bucket: bucket }));
}

/** Puts small objects through the real S3 API, a few at a time. */
export async function putObjects(session: AwsSession, bucket: string, keys: readonly string[], concurrency = 32): Promise<void> {
  const s3 = await session.client(s3Client);
  for (const batch of chunks(keys, concurrency)) {
    await Promise.all(batch.map((Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))));
  }
}

/** Creates SQS queues; `deadLetterQueueArn` makes each a source of that dead-letter queue. Returns their URLs. */
export async function createQueues(session: AwsSession, names: readonly string[], deadLetterQueueArn?: string): Promise<string[]> {
  const client = await session.client(sqsClient);
  const Attributes = deadLetterQueueArn ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterQueueArn, maxReceiveCount: 5 }) } : undefined;
  const urls: string[] = [];
  for (const batch of chunks(names, 25)) {
    const created = await Promise.all(batch.map((QueueName) => client.send(new CreateQueueCommand({ QueueName, Attributes }))));
    urls.push(...created.map((r) => r.QueueUrl!));
  }
  return urls;
}

export async function queueArn(session: AwsSession, queueUrl: string): Promise<string> {
  const output = await (await session.client(sqsClient)).send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return output.Attributes!.QueueArn!;
}

/** A DynamoDB table: `keys` are its partition and optional sort key, each `name:S|N|B`; `indexes` add GSIs the same way. */
export async function createTable(session: AwsSession, table: string, keys: readonly string[], indexes: Record<string, readonly string[]> = {}): Promise<void> {
  const split = (key: string) => key.split(':') as [string, 'S' | 'N' | 'B'];
  const schema = (names: readonly string[]) => names.map((key, i) => ({ AttributeName: split(key)[0], KeyType: i === 0 ? 'HASH' as const : 'RANGE' as const }));
  const attributes = new Map([...keys, ...Object.values(indexes).flat()].map((key) => split(key)));
  await (await session.client(dynamodbClient)).send(new CreateTableCommand({
    TableName: table,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: schema(keys),
    ...(Object.keys(indexes).length ? {
      GlobalSecondaryIndexes: Object.entries(indexes).map(([IndexName, names]) => ({ IndexName, KeySchema: schema(names), Projection: { ProjectionType: 'ALL' as const } })),
    } : {}),
  }));
}

/** Writes typed items with BatchWriteItem, 25 at a time (its limit), a few batches at once. */
export async function putItems(session: AwsSession, table: string, items: readonly Record<string, AttributeValue>[]): Promise<void> {
  const client = await session.client(dynamodbClient);
  const batches = chunks(items, 25);
  for (const group of chunks(batches, 8)) {
    await Promise.all(group.map(async (batch) => {
      let pending: Record<string, WriteRequest[]> | undefined = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
      while (pending && Object.keys(pending).length) {
        pending = (await client.send(new BatchWriteItemCommand({ RequestItems: pending }))).UnprocessedItems;
      }
    }));
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}
