import * as assert from 'node:assert/strict';
import { createQueues, numberedNames, queueArn } from '../../../support/emulator';
import { type KindRow } from '../kinds';

const QUEUE_PREFIX = 'reliability-queue-';
const QUEUES = numberedNames('reliability-queue', 150);
const DEAD_LETTER_QUEUE = 'reliability-dlq';
const SOURCES = numberedNames('reliability-source', 120);
const ACCOUNT_ARN = 'arn:aws:sqs:us-east-1:000000000000';

/** A queue's name: its URL's last part. */
const nameOf = (record: Record<string, unknown>) => String(record.QueueUrl).split('/').at(-1)!;

export const sqsRows: readonly KindRow[] = [
  {
    kind: 'sqs.queues',
    address: `sqs:queues?prefix=${QUEUE_PREFIX}`,
    pageSize: 10,
    operations: ['ListQueues'],
    seed: async ({ session }) => void await createQueues(session, QUEUES),
    expected: () => QUEUES,
    idOf: nameOf,
    missing: { what: 'ListQueues denied (AccessDenied)', expect: 'accessDenied' },
  },
  {
    kind: 'sqs.deadLetterSources',
    address: `${ACCOUNT_ARN}:${DEAD_LETTER_QUEUE}`,
    pageSize: 10,
    operations: ['ListDeadLetterSourceQueues'],
    async seed({ session }) {
      const [url] = await createQueues(session, [DEAD_LETTER_QUEUE]);
      const arn = await queueArn(session, url);
      assert.equal(arn, `${ACCOUNT_ARN}:${DEAD_LETTER_QUEUE}`, 'the emulator\'s account is the one the address names');
      await createQueues(session, SOURCES, arn);
    },
    expected: () => SOURCES,
    idOf: nameOf,
    missing: { what: 'the dead-letter sources of a queue that does not exist', address: `${ACCOUNT_ARN}:reliability-no-such-queue`, expect: 'notFound' },
  },
];
