import { createHash } from 'node:crypto';
import { type AwsClients, type SendOptions } from '../../../aws/clients';
import { StatedError } from '../../../problems/statedError';
import { s3Client } from '../client';
import { load } from '../sdk';
import { destinationError, type ReportPlace } from './destination';
import { readAgainIfDropped } from './retries';
import * as l10n from '@vscode/l10n';

// A report's manifest.json, checked against its manifest.checksum (the manifest's MD5, hex), and what it says:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory-location.html#storage-inventory-location-manifest

export interface DataFile {
  readonly key: string;
  readonly size: number;
  readonly MD5checksum: string;
}

export interface Manifest {
  readonly sourceBucket: string;
  readonly fileFormat: 'CSV' | 'Parquet' | 'ORC';
  /** CSV: the column names in file order; Parquet: the message schema (the files describe themselves). */
  readonly fileSchema: string;
  /** Epoch milliseconds. */
  readonly creationTimestamp: number;
  readonly files: readonly DataFile[];
}

/** A report, resolved: where it is, which one, and its manifest. */
export interface OpenReport {
  readonly place: ReportPlace;
  readonly stamp: string;
  readonly manifest: Manifest;
}

/** Where a report's files are: the destination bucket, and `root/stamp/` for its manifest. */
export function manifestKeyOf(place: ReportPlace, stamp: string): string {
  return `${place.destination.root}${stamp}/manifest.json`;
}

/** A small object's bytes (a manifest), read again if its body is cut off. */
export function getBytes(clients: AwsClients, bucket: string, key: string, send: SendOptions): Promise<Buffer> {
  return readAgainIfDropped(clients, `GetObject ${key}`, async () => {
    const output = await (await clients.client(s3Client)).send(new (load().GetObjectCommand)({ Bucket: bucket, Key: key }), send);
    return Buffer.from(await output.Body!.transformToByteArray());
  }, send.abortSignal);
}

/** Reads and checks a report's manifest: once per connection (a report never changes once written). */
export function readManifest(clients: AwsClients, place: ReportPlace, stamp: string, send: SendOptions): Promise<Manifest> {
  const key = manifestKeyOf(place, stamp);
  return clients.cached(`s3-inventory-manifest|${place.destination.bucket}|${key}`, async () => {
    const where = `s3://${place.destination.bucket}/${key}`;
    let manifest: Buffer;
    let checksum: Buffer;
    try {
      // One after the other, as every request of a listing: the first failure is the only one.
      manifest = await getBytes(clients, place.destination.bucket, key, send);
      checksum = await getBytes(clients, place.destination.bucket, key.replace(/manifest\.json$/, 'manifest.checksum'), send);
    } catch (error) {
      if ((error as { name?: string })?.name === 'NoSuchKey') {
        throw new StatedError(l10n.t('The report of {0} is not complete: {1} or its manifest.checksum is not there yet (S3 writes them last). Try again later, or pick an earlier report.', stamp, where), 'notFound');
      }
      throw destinationError(error, place);
    }
    const md5 = createHash('md5').update(manifest).digest('hex');
    if (md5 !== checksum.toString('utf8').trim().toLowerCase()) {
      throw new StatedError(l10n.t('{0} does not match its manifest.checksum (MD5 {1}, the checksum says {2}): the report may be damaged or still being written.', where, md5, checksum.toString('utf8').trim()));
    }
    return parseManifest(manifest.toString('utf8'), where);
  });
}

function parseManifest(text: string, where: string): Manifest {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new StatedError(l10n.t('{0} is not JSON.', where));
  }
  const format = json.fileFormat;
  if (format === 'ORC') {
    throw new StatedError(l10n.t('This inventory report is in ORC, which the extension cannot read (no JavaScript ORC reader exists). Switch the inventory configuration\'s output format to Apache Parquet or CSV in the S3 console; the next report is then readable.'));
  }
  const files = Array.isArray(json.files) ? json.files as Array<Record<string, unknown>> : undefined;
  if ((format !== 'CSV' && format !== 'Parquet') || !files || typeof json.fileSchema !== 'string'
    || files.some((file) => typeof file.key !== 'string' || typeof file.MD5checksum !== 'string')) {
    throw new StatedError(l10n.t('{0} is not an S3 Inventory manifest this extension knows (fileFormat {1}).', where, String(format)));
  }
  return {
    sourceBucket: String(json.sourceBucket ?? ''),
    fileFormat: format,
    fileSchema: json.fileSchema,
    creationTimestamp: Number(json.creationTimestamp ?? 0),
    files: files.map((file) => ({ key: file.key as string, size: Number(file.size ?? 0), MD5checksum: (file.MD5checksum as string).toLowerCase() })),
  };
}
