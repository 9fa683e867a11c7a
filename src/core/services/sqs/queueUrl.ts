import { partitionOf } from '../../aws/partition';
import { AddressError } from '../address';
import { type ResourceItem } from '../../lists';
import * as l10n from '@vscode/l10n';

/** What a queue URL says: `https://sqs.eu-west-1.amazonaws.com/123456789012/orders`. */
export interface QueueName {
  readonly url: string;
  readonly region?: string;
  readonly accountId: string;
  readonly name: string;
}

/**
 * Reads a queue URL: the account and name are its path, the region is in its host (`sqs.REGION.…`, or the legacy
 * `REGION.queue.amazonaws.com`); an emulator's host may carry none.
 */
export function parseQueueUrl(url: string): QueueName | undefined {
  // Not `new URL()`: an emulator's host such as `sqs.us-east-1.127.0.0.1` ends in a number, which WHATWG URLs refuse.
  const match = /^https?:\/\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)\/?$/.exec(url);
  if (!match) {
    return undefined;
  }
  const [, host, accountId, name] = match;
  const region = /^sqs\.([a-z0-9-]+)\./.exec(host)?.[1] ?? /^([a-z0-9-]+)\.queue\./.exec(host)?.[1];
  return { url, region, accountId, name: decodeURIComponent(name) };
}

/** A queue ARN, `arn:aws:sqs:eu-west-1:123456789012:orders`, as the URL SQS gives the queue in its region. */
export function queueUrlOfArn(arn: string): string {
  const parts = arn.split(':');
  if (parts.length !== 6 || !parts[3] || !parts[4] || !parts[5]) {
    throw new AddressError(l10n.t('"{0}" is not an SQS queue ARN. Expected e.g. arn:aws:sqs:us-east-1:123456789012:my-queue.', arn));
  }
  const [, partition, , region, accountId, name] = parts;
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `https://sqs.${region}.${suffix}/${accountId}/${encodeURIComponent(name)}`;
}

/** A queue as a row: named by its URL's last part; it expands to the queues that use it as their dead-letter queue. */
export function queueItem(url: string, fallbackRegion?: string): ResourceItem {
  const queue = parseQueueUrl(url);
  const name = queue?.name ?? url;
  const region = queue?.region ?? fallbackRegion;
  const arn = queue && region ? `arn:${partitionOf(region)}:sqs:${region}:${queue.accountId}:${queue.name}` : undefined;
  return {
    id: url,
    name,
    itemKind: 'sqsQueue',
    ids: arn ? [{ label: 'ARN', value: arn }, { label: 'URL', value: url }] : [{ label: 'URL', value: url }],
    children: { kind: 'sqs.deadLetterSources', params: { queueUrl: url } },
    record: { QueueUrl: url, name, arn: arn ?? null },
  };
}
