import { type AwsClients, type SendOptions } from '../../../aws/clients';
import { type Params } from '../../../lists';
import { RefusedTokenError } from '../../../paging/errors';
import { responseFields, type ResourceKind } from '../../kind';
import { s3Client } from '../client';
import { load } from '../sdk';
import { parseS3Uri } from '../uri';
import { inventoryAddress, parseInventoryAddress } from './address';
import { openReader, park, readerKey, takeParked } from './dataFiles';
import { pickReport, reportPlace, stampTime } from './destination';
import { readManifest, type OpenReport } from './manifest';
import { inventoryItem } from './records';
import { type InventoryRow, type RowReader } from './rowReader';
import { inventorySummary } from './summary';
import { backOff } from './retries';
import * as l10n from '@vscode/l10n';

/** A page of a report: rows of one data file, and where the next page starts. */
export interface InventoryPage {
  readonly rows: readonly InventoryRow[];
  readonly bucket: string;
  readonly inventoryDate: string;
  /** `REPORT/FILE/ROW`: the report's folder, the data file's index in the manifest, the row in that file. */
  readonly NextToken?: string;
}

interface Position {
  readonly stamp: string;
  readonly file: number;
  readonly row: number;
}

function parseToken(token: string): Position {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z)\/(\d+)\/(\d+)$/.exec(token);
  if (!match) {
    throw new RefusedTokenError(l10n.t('"{0}" is not a position in an inventory report (REPORT/FILE/ROW).', token), undefined);
  }
  return { stamp: match[1], file: Number(match[2]), row: Number(match[3]) };
}

/** The data files a part reads: part `k/n` is the k-th of n runs of files in manifest order. */
function filesOf(params: Params, count: number): { start: number; end: number } {
  const match = /^(\d+)\/(\d+)$/.exec(params.part ?? '');
  if (!match) {
    return { start: 0, end: count };
  }
  const [k, n] = [Number(match[1]), Number(match[2])];
  return { start: Math.floor(((k - 1) * count) / n), end: Math.floor((k * count) / n) };
}

async function openReport(clients: AwsClients, params: Params, token: string | undefined, send: SendOptions): Promise<{ report: OpenReport; from: Position }> {
  const place = await clients.cached(`s3-inventory-place|${params.bucket}|${params.config ?? ''}`, () => reportPlace(clients, params.bucket, params.config, send));
  const position = token === undefined ? undefined : parseToken(token);
  // A token names its report: a resumed export reads the report it started, even when a newer one has come since.
  const stamp = position?.stamp ?? (params.report?.length === 17 ? params.report : await pickReport(clients, place, params.report, send));
  const manifest = await readManifest(clients, place, stamp, send);
  const { start } = filesOf(params, manifest.files.length);
  if (position && position.file >= manifest.files.length) {
    throw new RefusedTokenError(l10n.t('The report of {0} has {1} data files; the position names file {2}.', stamp, manifest.files.length, position.file), undefined);
  }
  return { report: { place, stamp, manifest }, from: position ?? { stamp, file: start, row: 0 } };
}

/**
 * The objects of one S3 Inventory report, in the report's order, read from its data files (CSV.gz or Parquet) instead
 * of listing the bucket: a page is the next rows of a data file, its token the position after them. Params: `bucket`
 * (the source bucket), optional `config` (needed when the bucket has several), optional `report` (a folder name
 * `YYYY-MM-DDTHH-MMZ`, or a day: its newest; default the newest of all), and `part` (`k/n`) for a parallel export.
 */
export const s3Inventory: ResourceKind<InventoryPage> = {
  id: 's3.inventory',
  itemNoun: 'objects',
  title: (params) => (params.report?.length === 17 ? `${stampTime(params.report).slice(0, 16).replace('T', ' ')} UTC` : `${params.bucket} inventory${params.report ? ` ${params.report}` : ''}`),
  address: (params) => inventoryAddress({ bucket: params.bucket, config: params.config, report: params.report, list: 'objects' }),
  parseAddress(text) {
    const parsed = parseInventoryAddress(text);
    return parsed?.list === 'objects' ? { bucket: parsed.bucket, ...(parsed.config ? { config: parsed.config } : {}), ...(parsed.report ? { report: parsed.report } : {}) } : undefined;
  },
  addressForms: [{
    form: 's3-inventory://bucket[/config-id][@YYYY-MM-DD]', example: 's3-inventory://my-bucket/daily@2026-12-01',
    description: "the objects of a bucket's S3 Inventory report (the newest, or the newest of a day), read from its files",
  }],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'rows' },
  pageSizeLimits: { min: 1, max: 100_000 },
  columns: ['Key', 'VersionId', 'IsLatest', 'IsDeleteMarker', 'LastModified', 'ETag', 'Size', 'StorageClass', 's3Uri', 'itemType', 'inventoryDate'],
  summary: inventorySummary,
  find: { name: (item) => (typeof item.record.Key === 'string' ? item.record.Key : undefined) },
  segments: (params, count) => Array.from({ length: count }, (_, k) => ({ ...params, part: `${k + 1}/${count}` })),
  async *paginate(clients, params, options, send) {
    const { report, from } = await openReport(clients, params, options.startingToken, send);
    const { end } = filesOf(params, report.manifest.files.length);
    const context = { bucket: params.bucket, inventoryDate: stampTime(report.stamp) };
    const pageSize = options.pageSize ?? 1000;
    let { file, row } = from;
    let reader: RowReader | undefined;
    // Set while the consumer holds a page: a listing stopped there (the tree takes one page at a time) parks its reader.
    let suspended = false;
    const stop = () => reader?.close();
    send.abortSignal?.addEventListener('abort', stop, { once: true });
    try {
      if (file >= end) {
        // A part with no data file (more parts than files), or a report of none: one empty page ends it.
        yield { rows: [], ...context };
      }
      while (file < end) {
        let current = takeParked(clients, readerKey(report, file, row)) ?? await openReader(clients, report, file, row);
        reader = current;
        let done = false;
        for (let attempt = 1; !done;) {
          let page;
          try {
            page = await current.read(pageSize);
          } catch (error) {
            // A connection dropped in the middle of a body: open the file again at the row.
            current.close();
            if (!(await backOff(clients, `GetObject ${report.manifest.files[file].key} from row ${row}`, attempt++, error, send.abortSignal))) {
              throw error;
            }
            current = await openReader(clients, report, file, row);
            reader = current;
            continue;
          }
          attempt = 1;
          done = page.done;
          row = current.row;
          if (done) {
            current.close();
            reader = undefined;
            file += 1;
            row = 0;
          }
          if (page.rows.length || file < end) {
            suspended = true;
            yield { rows: page.rows, ...context, ...(file < end ? { NextToken: `${report.stamp}/${file}/${row}` } : {}) };
            suspended = false;
          }
          if (done) {
            break;
          }
        }
      }
    } finally {
      send.abortSignal?.removeEventListener('abort', stop);
      if (reader && suspended && !send.abortSignal?.aborted) {
        park(clients, readerKey(report, file, row), reader);
      } else {
        reader?.close();
      }
    }
  },
  itemsOf: (page) => page.rows.map((row) => inventoryItem(row, page)),
  // The live object (or the version the row names), as the live listing's rows are detailed; a delete marker has none.
  detailsOf(item) {
    if (item.record.IsDeleteMarker === true || typeof item.record.s3Uri !== 'string') {
      return undefined;
    }
    const { bucket, key } = parseS3Uri(item.record.s3Uri);
    const version = item.itemKind === 's3ObjectVersion' && typeof item.record.VersionId === 'string' ? item.record.VersionId : undefined;
    return {
      operation: 'HeadObject',
      async fetch(clients, send) {
        const output = await (await clients.client(s3Client)).send(new (load().HeadObjectCommand)({ Bucket: bucket, Key: key, VersionId: version }), send);
        return { Bucket: bucket, Key: key, ...responseFields(output) };
      },
    };
  },
};
