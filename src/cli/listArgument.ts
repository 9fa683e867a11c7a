import { parseArn } from '../core/resources/arn';
import { type ListRef } from '../core/resources/resource';
import { parseS3Uri } from '../core/resources/s3Uri';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ListArgument {
  readonly list: ListRef;
  /** The region the list lives in when its name says so (a topic ARN), used when no --region is given. */
  readonly region?: string;
}

/**
 * The list a command line names: `s3://` (buckets), `s3://bucket/prefix/` (objects: every key under the prefix, or
 * one folder level with `folders`), `sns:topics`, or a topic ARN (its subscriptions).
 */
export function parseListArgument(text: string, folders: boolean): ListArgument {
  const value = text.trim();
  if (value === 's3://' || value === 's3:') {
    return { list: { kind: 's3.buckets', params: {} } };
  }
  if (value.startsWith('s3://')) {
    const { bucket, key } = parseS3Uri(value);
    return { list: { kind: 's3.objects', params: { bucket, prefix: key, delimiter: folders ? '/' : '' } } };
  }
  if (value === 'sns:topics') {
    return { list: { kind: 'sns.topics', params: {} } };
  }
  if (value.startsWith('arn:')) {
    const arn = parseArn(value);
    if (arn.service === 'sns' && arn.resource && !arn.resource.includes(':')) {
      return { list: { kind: 'sns.subscriptions', params: { topicArn: value } }, region: arn.region || undefined };
    }
    throw new UsageError(`${value} is not an SNS topic ARN; only a topic's subscriptions can be listed by ARN.`);
  }
  throw new UsageError(`Cannot tell which list "${text}" names. Use s3://, s3://bucket/prefix/, sns:topics or an SNS topic ARN.`);
}
