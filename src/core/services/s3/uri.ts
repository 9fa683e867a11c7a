import { AddressError } from '../address';
import * as l10n from '@vscode/l10n';

/** `s3://bucket/key`, with the key exactly as stored (no encoding): this is what users paste into the CLI. */
export function s3Uri(bucket: string, key = ''): string {
  // join makes one flat string; a template makes a chain of pieces, and a flattened copy beside it once it is hashed
  // (a row's id is): twice the memory for each of a tree's 100,000 rows.
  return ['s3://', bucket, '/', key].join('');
}

export interface S3Location {
  readonly bucket: string;
  /** The key or prefix after the bucket, possibly empty. */
  readonly key: string;
}

/** Parses `s3://bucket/some/prefix/` (the scheme is optional). */
export function parseS3Uri(uri: string): S3Location {
  const match = /^(?:s3:\/\/)?([^/]+)(?:\/(.*))?$/s.exec(uri);
  if (!match) {
    throw new AddressError(l10n.t('Not an S3 URI: "{0}". Expected s3://bucket/optional/prefix/', uri.trim()));
  }
  const problem = bucketNameProblem(match[1]);
  if (problem) {
    throw new AddressError(problem);
  }
  return { bucket: match[1], key: match[2] ?? '' };
}

/** Why `name` cannot be a bucket name, or undefined when it can. Lenient: old us-east-1 buckets allow more. */
export function bucketNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) {
    return l10n.t('Enter a bucket name, e.g. my-bucket.');
  }
  if (/[/\s:]/.test(trimmed) || trimmed.length > 255) {
    return l10n.t('"{0}" is not a bucket name: no slashes or spaces, at most 63 characters (255 for old buckets).', trimmed);
  }
  return undefined;
}
