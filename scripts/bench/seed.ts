import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';

/**
 * What the benchmark lists. Keys are lower-case, zero-padded and of one shape (`p-07/k-00042`): fauxqs sorts with
 * localeCompare but resumes after a token with `>`, so names on which the two orders disagree (upper case, `-`
 * against `.` or `_`) would make the emulator itself drop or repeat keys across pages, whoever lists them.
 */
export const DATA = {
  version: 1,
  big: { bucket: 'bench-100k', prefixes: 32, perPrefix: 3125 },
  small: { bucket: 'bench-10k', prefixes: 32, perPrefix: 313 },
  flat: { bucket: 'bench-flat', keys: 10_200 },
  topics: 5000,
  dynamodb: { big: { table: 'bench-items-100k', items: 100_000 }, small: { table: 'bench-items-10k', items: 10_000 } },
} as const;

/**
 * What the workbench part loads into the tree (Load All in code-server): one folder of 100,000 keys, 5,000 topics and
 * 2,000 queues, in a fauxqs store of its own (see bench.ts).
 */
export const TREE_DATA = {
  version: 2,
  rows: { bucket: 'bench-rows', keys: 100_000 },
  topics: 5000,
  queues: 2000,
} as const;

export const rowKeys = () => Array.from({ length: TREE_DATA.rows.keys }, (_, i) => `r-${String(i).padStart(6, '0')}`);
export const queueNames = () => Array.from({ length: TREE_DATA.queues }, (_, i) => `bench-queue-${String(i).padStart(5, '0')}`);

export const bigKeys = DATA.big.prefixes * DATA.big.perPrefix;
export const smallKeys = DATA.small.prefixes * DATA.small.perPrefix;

export function prefixedKeys(prefixes: number, perPrefix: number): string[] {
  const keys: string[] = [];
  for (let p = 0; p < prefixes; p++) {
    for (let k = 0; k < perPrefix; k++) {
      keys.push(`p-${String(p).padStart(2, '0')}/k-${String(k).padStart(5, '0')}`);
    }
  }
  return keys;
}

export const flatKeys = () => Array.from({ length: DATA.flat.keys }, (_, i) => `k-${String(i).padStart(6, '0')}`);
export const topicNames = () => Array.from({ length: DATA.topics }, (_, i) => `bench-topic-${String(i).padStart(5, '0')}`);

const clientConfig = (endpoint: string) => ({
  endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
});

/**
 * Seeds the emulator through the real API unless its persisted data already holds this data set (a marker file
 * next to it says so). PutObject runs at ~500-900 objects/s here, so the first run takes a few minutes.
 */
export async function seedOnce(endpoint: string, dataDir: string, say: (line: string) => void): Promise<boolean> {
  const marker = path.join(dataDir, 'seeded.json');
  const sns = new SNSClient(clientConfig(endpoint));
  try {
    if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === JSON.stringify(DATA) && await topicCount(sns) === DATA.topics) {
      return false;
    }
    const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
    const started = Date.now();
    const work: Array<[string, string[]]> = [
      [DATA.big.bucket, prefixedKeys(DATA.big.prefixes, DATA.big.perPrefix)],
      [DATA.small.bucket, prefixedKeys(DATA.small.prefixes, DATA.small.perPrefix)],
      [DATA.flat.bucket, flatKeys()],
    ];
    for (const [bucket, keys] of work) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
      say(`seeding ${keys.length.toLocaleString('en-US')} objects into ${bucket}…`);
      await inParallel(keys, 64, (Key) => s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'x' })));
    }
    say(`seeding ${DATA.topics.toLocaleString('en-US')} topics…`);
    await inParallel(topicNames(), 32, (Name) => sns.send(new CreateTopicCommand({ Name })));
    s3.destroy();
    fs.writeFileSync(marker, JSON.stringify(DATA));
    say(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s (kept in ${dataDir} for the next runs)`);
    return true;
  } finally {
    sns.destroy();
  }
}

/** Seeds TREE_DATA into the emulator unless its marker says it is there (~2-3 minutes the first time). */
export async function seedTreeOnce(endpoint: string, dataDir: string, say: (line: string) => void): Promise<boolean> {
  const marker = path.join(dataDir, 'seeded-tree.json');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === JSON.stringify(TREE_DATA)) {
    return false;
  }
  const s3 = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
  const sqs = new SQSClient(clientConfig(endpoint));
  try {
    const started = Date.now();
    await s3.send(new CreateBucketCommand({ Bucket: TREE_DATA.rows.bucket })).catch(() => undefined);
    say(`seeding ${TREE_DATA.rows.keys.toLocaleString('en-US')} objects into ${TREE_DATA.rows.bucket}…`);
    await inParallel(rowKeys(), 64, (Key) => s3.send(new PutObjectCommand({ Bucket: TREE_DATA.rows.bucket, Key, Body: 'x' })));
    say(`seeding ${TREE_DATA.topics.toLocaleString('en-US')} topics…`);
    const sns = new SNSClient(clientConfig(endpoint));
    await inParallel(topicNames().slice(0, TREE_DATA.topics), 32, (Name) => sns.send(new CreateTopicCommand({ Name }))).finally(() => sns.destroy());
    say(`seeding ${TREE_DATA.queues.toLocaleString('en-US')} queues…`);
    await inParallel(queueNames(), 32, (QueueName) => sqs.send(new CreateQueueCommand({ QueueName })));
    fs.writeFileSync(marker, JSON.stringify(TREE_DATA));
    say(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s (kept in ${dataDir} for the next runs)`);
    return true;
  } finally {
    s3.destroy();
    sqs.destroy();
  }
}

async function topicCount(sns: SNSClient): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await sns.send(new ListTopicsCommand({ NextToken: token }));
    count += page.Topics?.length ?? 0;
    token = page.NextToken;
  } while (token);
  return count;
}

async function inParallel<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      await task(items[next++]);
    }
  }));
}

/** One bench item: a key, a few typed attributes (~150 bytes), as an orders table might hold. */
export function benchItem(i: number): Record<string, AttributeValue> {
  return {
    pk: { S: `item-${String(i).padStart(6, '0')}` },
    sk: { N: String(i % 97) },
    name: { S: `bench item number ${i}` },
    price: { N: `${i % 1000}.${String(i % 100).padStart(2, '0')}` },
    tags: { SS: ['bench', `group-${i % 16}`] },
    active: { BOOL: i % 3 === 0 },
  };
}

/** dynalite keeps nothing between runs: its two tables are written on every run (BatchWriteItem, ~10-30 s). */
export async function seedDynamo(endpoint: string, say: (line: string) => void): Promise<void> {
  const client = new DynamoDBClient({ ...clientConfig(endpoint), maxAttempts: 10 });
  try {
    for (const { table, items } of [DATA.dynamodb.big, DATA.dynamodb.small]) {
      const started = Date.now();
      await client.send(new CreateTableCommand({
        TableName: table, BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }));
      const batches = Array.from({ length: Math.ceil(items / 25) }, (_, b) => Array.from({ length: Math.min(25, items - b * 25) }, (_, i) => benchItem(b * 25 + i)));
      await inParallel(batches, 8, async (batch) => {
        let pending: Record<string, WriteRequest[]> | undefined = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
        while (pending && Object.keys(pending).length) {
          pending = (await client.send(new BatchWriteItemCommand({ RequestItems: pending }))).UnprocessedItems;
        }
      });
      say(`seeded ${items.toLocaleString('en-US')} items into ${table} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    client.destroy();
  }
}
