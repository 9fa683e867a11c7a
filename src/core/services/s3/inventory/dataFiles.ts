import type { Readable } from 'node:stream';
import { type AwsClients } from '../../../aws/clients';
import { StatedError } from '../../../problems/statedError';
import { s3Client } from '../client';
import { load } from '../sdk';
import { csvColumns, csvReader } from './csvRows';
import { type DataFile, type OpenReport } from './manifest';
import { parquetReader } from './parquetRows';
import { type RowReader } from './rowReader';
import { destinationError } from './destination';
import { readAgainIfDropped } from './retries';
import * as l10n from '@vscode/l10n';

// Opening a report's data file at a row, and keeping an open one between two pages of the tree: a Load more a moment
// later goes on reading the same stream instead of reading the file again up to its row.

/** GetObject of a data file, without the listing's abort signal: the reader may outlive one request (see `parked`). */
async function getObject(clients: AwsClients, report: OpenReport, file: DataFile, range?: string): Promise<Readable> {
  try {
    const output = await (await clients.client(s3Client)).send(new (load().GetObjectCommand)({ Bucket: report.place.destination.bucket, Key: file.key, Range: range }));
    return output.Body as Readable;
  } catch (error) {
    if ((error as { name?: string })?.name === 'NoSuchKey') {
      throw new StatedError(l10n.t('The data file {0} of the report of {1} is missing from {2}: the report is incomplete (S3 may have removed it by a lifecycle rule). Pick another report.', file.key, report.stamp, report.place.destination.bucket), 'notFound');
    }
    throw destinationError(error, report.place);
  }
}

export async function openReader(clients: AwsClients, report: OpenReport, index: number, row: number): Promise<RowReader> {
  const file = report.manifest.files[index];
  if (report.manifest.fileFormat === 'CSV') {
    return csvReader(await getObject(clients, report, file), csvColumns(report.manifest.fileSchema), file, row);
  }
  return parquetReader({
    size: file.size,
    range: (start, end) => readAgainIfDropped(clients, `GetObject ${file.key} bytes ${start}-${end - 1}`, async () => {
      const body = await getObject(clients, report, file, `bytes=${start}-${end - 1}`);
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    }),
    stream: () => getObject(clients, report, file),
  }, file, row);
}

/**
 * Readers left open by a listing that stopped after a page, by connection and where they are: at most a few, each
 * for a minute.
 */
const parkedBy = new WeakMap<AwsClients, Map<string, { readonly reader: RowReader; readonly timer: NodeJS.Timeout }>>();
const PARKED_MAX = 4;
const PARKED_MS = 60_000;

export function readerKey(report: OpenReport, file: number, row: number): string {
  return `${report.place.destination.bucket}|${report.manifest.files[file].key}|${row}`;
}

/** The reader parked at this place, taken out of the park. */
export function takeParked(clients: AwsClients, key: string): RowReader | undefined {
  const parked = parkedBy.get(clients);
  const found = parked?.get(key);
  if (found) {
    clearTimeout(found.timer);
    parked!.delete(key);
  }
  return found?.reader;
}

export function park(clients: AwsClients, key: string, reader: RowReader): void {
  takeParked(clients, key)?.close();
  let parked = parkedBy.get(clients);
  if (!parked) {
    parked = new Map();
    parkedBy.set(clients, parked);
  }
  if (parked.size >= PARKED_MAX) {
    const [oldest] = parked.keys();
    takeParked(clients, oldest)?.close();
  }
  const timer = setTimeout(() => takeParked(clients, key)?.close(), PARKED_MS);
  timer.unref();
  parked.set(key, { reader, timer });
}
