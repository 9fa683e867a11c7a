import type { ListBucketsCommandOutput, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import type { ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import { parseArn } from '../resources/arn';
import { type ListRef, type ResourceItem } from '../resources/resource';
import { s3Buckets } from '../resources/s3Buckets';
import { s3Objects } from '../resources/s3Objects';
import { parseS3Uri } from '../resources/s3Uri';
import { snsTopics } from '../resources/snsTopics';

/**
 * An item the user added by hand (Add bucket by name…, Add topic by ARN…, Go to S3 URI…). It is shown at the top of
 * a top-level list, so it works when that list call is denied, and it survives refreshes. Plain data, so it persists.
 */
export interface Pin {
  /** The kind of the top-level list it is shown under (`s3.buckets`, `sns.topics`). */
  readonly root: string;
  /** The list an item like this comes from: its kind describes the item (details, menus). */
  readonly source: ListRef;
  readonly item: ResourceItem;
  /** A prefix filter on the item's children (Go to S3 URI with a partial key). */
  readonly filter?: string;
}

// The items are built by the resource descriptions themselves, from the response a listing would have given,
// so a pinned bucket or topic is the same item (id, children, menus) as a listed one.
const metadata = { $metadata: {} };

/** Why `name` cannot be a bucket name, or undefined when it can. Lenient: old us-east-1 buckets allow more. */
export function bucketNameProblem(name: string): string | undefined {
  const trimmed = name.trim().replace(/^s3:\/\//, '').replace(/\/$/, '');
  if (!trimmed) {
    return 'Enter a bucket name, e.g. my-bucket.';
  }
  if (/[/\s:]/.test(trimmed) || trimmed.length > 255) {
    return `"${trimmed}" is not a bucket name: no slashes or spaces, at most 63 characters (255 for old buckets). To open a folder, use Go to S3 URI….`;
  }
  return undefined;
}

export function bucketPin(name: string): Pin {
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new Error(problem);
  }
  const bucket = name.trim().replace(/^s3:\/\//, '').replace(/\/$/, '');
  const output: ListBucketsCommandOutput = { ...metadata, Buckets: [{ Name: bucket }] };
  return { root: s3Buckets.id, source: { kind: s3Buckets.id, params: {} }, item: s3Buckets.itemsOf(output, {})[0] };
}

/** Why `arn` is not an SNS topic ARN, or undefined when it is. */
export function topicArnProblem(arn: string): string | undefined {
  const example = 'arn:aws:sns:us-east-1:123456789012:my-topic';
  try {
    const parts = parseArn(arn.trim());
    if (parts.service !== 'sns' || !parts.resource || parts.resource.includes(':')) {
      return `"${arn.trim()}" is not an SNS topic ARN. Expected e.g. ${example}.`;
    }
    return undefined;
  } catch {
    return `Enter a topic ARN, e.g. ${example}.`;
  }
}

export function topicPin(arn: string): Pin {
  const problem = topicArnProblem(arn);
  if (problem) {
    throw new Error(problem);
  }
  const output: ListTopicsCommandOutput = { ...metadata, Topics: [{ TopicArn: arn.trim() }] };
  return { root: snsTopics.id, source: { kind: snsTopics.id, params: {} }, item: snsTopics.itemsOf(output, {})[0] };
}

/** Why `uri` cannot be opened as an S3 location, or undefined when it can. */
export function s3UriProblem(uri: string): string | undefined {
  if (!/^(s3:\/\/)?[^/\s:]+(\/.*)?$/s.test(uri.trim())) {
    return `Not an S3 URI: "${uri.trim()}". Expected s3://bucket/optional/prefix/`;
  }
  try {
    const { bucket } = parseS3Uri(uri);
    return bucketNameProblem(bucket);
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * `s3://bucket/` → the bucket; `s3://bucket/logs/2024/` → that folder; `s3://bucket/logs/app` → the folder
 * `logs/` filtered by the prefix `app` (a key that does not end in "/" may be an object or a partial name).
 */
export function s3LocationPin(uri: string): Pin {
  const problem = s3UriProblem(uri);
  if (problem) {
    throw new Error(problem);
  }
  const { bucket, key } = parseS3Uri(uri);
  const folder = key.slice(0, key.lastIndexOf('/') + 1);
  const filter = key.slice(folder.length) || undefined;
  if (!folder) {
    return { ...bucketPin(bucket), filter };
  }
  const source: ListRef = { kind: s3Objects.id, params: { bucket, prefix: '', delimiter: '/' } };
  const output: ListObjectsV2CommandOutput = { ...metadata, CommonPrefixes: [{ Prefix: folder }] };
  const item = s3Objects.itemsOf(output, source.params)[0];
  return { root: s3Buckets.id, source, item: { ...item, name: `${bucket}/${folder}` }, filter };
}
