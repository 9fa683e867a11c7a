import * as assert from 'node:assert/strict';
import { createTopics, numberedNames, subscribeEmails } from '../../../support/emulator';
import { type KindRow } from '../kinds';

// SNS fixes its pages at 100 (the page size is ignored): 1,000 topics and 1,050 subscriptions of the first topic are
// 10 and 11 pages. No other suite creates topics in the shared emulator, so these are all of them.
const TOPICS = numberedNames('reliability-topic', 1000);
const ACCOUNT_ARN = 'arn:aws:sns:us-east-1:000000000000';
const SUBSCRIBED = `${ACCOUNT_ARN}:${TOPICS[0]}`;
const EMAILS = numberedNames('subscriber', 1050).map((name) => `${name}@example.com`);
let topicArns: string[] = [];

export const snsRows: readonly KindRow[] = [
  {
    kind: 'sns.topics',
    address: 'sns:topics',
    pageSize: 100,
    operations: ['ListTopics'],
    async seed({ session }) {
      topicArns = await createTopics(session, TOPICS);
      assert.equal(topicArns[0], SUBSCRIBED, 'the emulator\'s account is the one the addresses name');
    },
    expected: () => topicArns,
    idOf: (record) => String(record.TopicArn),
    missing: { what: 'ListTopics denied (403 AuthorizationError)', expect: 'accessDenied' },
  },
  {
    kind: 'sns.subscriptions',
    address: SUBSCRIBED,
    pageSize: 100,
    operations: ['ListSubscriptionsByTopic'],
    // The first topic's subscriptions (the topics row made it).
    seed: ({ session }) => subscribeEmails(session, SUBSCRIBED, EMAILS),
    expected: () => EMAILS,
    idOf: (record) => String(record.Endpoint),
    missing: { what: 'the subscriptions of a topic that does not exist', address: `${ACCOUNT_ARN}:reliability-no-such-topic`, expect: 'notFound' },
  },
];
