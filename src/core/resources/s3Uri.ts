/** `s3://bucket/key`, with the key exactly as stored (no encoding): this is what users paste into the CLI. */
export function s3Uri(bucket: string, key = ''): string {
  return `s3://${bucket}/${key}`;
}

export interface S3Location {
  readonly bucket: string;
  /** The key or prefix after the bucket, possibly empty. */
  readonly key: string;
}

/** Parses `s3://bucket/some/prefix/` (the scheme is optional). */
export function parseS3Uri(uri: string): S3Location {
  const match = /^(?:s3:\/\/)?([^/\s:]+)(?:\/(.*))?$/s.exec(uri.trim());
  if (!match) {
    throw new Error(`Not an S3 URI: "${uri}". Expected s3://bucket/optional/prefix/`);
  }
  return { bucket: match[1], key: match[2] ?? '' };
}
