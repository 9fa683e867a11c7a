import type { Readable } from 'node:stream';
import { type AwsClients, type SendOptions } from '../../aws/clients';
import { s3Client } from './client';
import { load } from './sdk';
import { parseS3Uri } from './uri';
import * as l10n from '@vscode/l10n';

// Reading one S3 object: its size and type (HeadObject), its bytes (GetObject, streamed), a link to it. Reads only.

export interface ObjectHead {
  readonly size: number;
  readonly lastModified?: Date;
  readonly contentType?: string;
  /** GLACIER and DEEP_ARCHIVE objects cannot be read until restored. */
  readonly storageClass?: string;
  readonly restored: boolean;
}

/** The object behind an `s3://bucket/key` URI. */
export function objectOf(s3Uri: string): { bucket: string; key: string } {
  return parseS3Uri(s3Uri);
}

export async function headObject(clients: AwsClients, bucket: string, key: string, send: SendOptions): Promise<ObjectHead> {
  const output = await (await clients.client(s3Client)).send(new (load().HeadObjectCommand)({ Bucket: bucket, Key: key }), send);
  return {
    size: output.ContentLength ?? 0,
    lastModified: output.LastModified,
    contentType: output.ContentType,
    storageClass: output.StorageClass,
    restored: output.Restore === undefined ? false : /ongoing-request="false"/.test(output.Restore),
  };
}

/** Why the object cannot be read as it is (archived and not restored), or undefined when it can. */
export function unreadable(head: ObjectHead, s3Uri: string): string | undefined {
  const archived = head.storageClass === 'GLACIER' || head.storageClass === 'DEEP_ARCHIVE';
  return archived && !head.restored
    ? l10n.t('{0} is archived in {1}: restore it first (S3 console, or aws s3api restore-object), then open it.', s3Uri, head.storageClass!)
    : undefined;
}

/** The object's bytes as a Node stream (GetObject), for a download or an editor. */
export async function objectStream(clients: AwsClients, bucket: string, key: string, send: SendOptions): Promise<{ body: Readable; size?: number }> {
  const output = await (await clients.client(s3Client)).send(new (load().GetObjectCommand)({ Bucket: bucket, Key: key }), send);
  return { body: output.Body as Readable, size: output.ContentLength };
}

/** The whole object in memory (for an editor); the caller has checked its size. */
export async function objectBytes(clients: AwsClients, bucket: string, key: string, send: SendOptions): Promise<Uint8Array> {
  const { body } = await objectStream(clients, bucket, key, send);
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The expiries a presigned URL can have: SigV4 allows at most 7 days. */
export const PRESIGN_EXPIRIES = [
  { seconds: 15 * 60, label: () => l10n.t('15 minutes') },
  { seconds: 3600, label: () => l10n.t('1 hour') },
  { seconds: 86_400, label: () => l10n.t('1 day') },
  { seconds: 7 * 86_400, label: () => l10n.t('7 days (the longest SigV4 allows)') },
] as const;

/**
 * A GET URL for the object signed here with the connection's credentials (`@aws-sdk/s3-request-presigner`): nothing is
 * sent to AWS. Anyone with the URL can read the object until it expires (or the credentials that signed it do: a
 * session's temporary credentials end sooner).
 */
export async function presignedUrl(clients: AwsClients, bucket: string, key: string, expiresIn: number): Promise<string> {
  const client = await clients.client(s3Client);
  return load().getSignedUrl(client, new (load().GetObjectCommand)({ Bucket: bucket, Key: key }), { expiresIn });
}

/**
 * The object's URL without a signature (public objects, or to name it): virtual-hosted style on AWS, path style on a
 * custom endpoint, as the SDK addresses it there.
 */
export function objectUrl(bucket: string, key: string, where: { readonly region: string; readonly endpointUrl?: string }): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  if (where.endpointUrl) {
    return `${where.endpointUrl.replace(/\/$/, '')}/${encodeURIComponent(bucket)}/${path}`;
  }
  const suffix = where.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  // A bucket name with dots does not fit the certificate of a virtual host: path style, as the SDK addresses it.
  return bucket.includes('.')
    ? `https://s3.${where.region}.${suffix}/${bucket}/${path}`
    : `https://${bucket}.s3.${where.region}.${suffix}/${path}`;
}
