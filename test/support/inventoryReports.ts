import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { type AwsSession } from '../../src/core/aws/session';
import { s3Client } from '../../src/core/services/s3/client';

// S3 Inventory reports as AWS writes them, generated for the tests, the demo and the benchmark
// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory-location.html,
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-inventory.html#storage-inventory-contents):
// - data files under `PREFIX/SOURCE-BUCKET/CONFIG-ID/data/NAME.csv.gz|.parquet|.orc`, and for each report
//   `PREFIX/SOURCE-BUCKET/CONFIG-ID/YYYY-MM-DDTHH-MMZ/manifest.json` with `manifest.checksum` (the manifest's MD5, hex);
//   "destination-prefix/" followed by "/" gives keys with "//";
// - manifest.json: sourceBucket, destinationBucket (an ARN), version, creationTimestamp (epoch ms, a string),
//   fileFormat, fileSchema, files [{ key, size, MD5checksum }];
// - CSV: gzip, no header row, every field in double quotes, the columns in fileSchema's order, keys URL-encoded the
//   way Java's URLEncoder does (a space is "+", a "/" is "%2F"; reported in cloud-custodian #1997);
// - Parquet: snake_case columns (`key`, `version_id`, `last_modified_date` as TIMESTAMP_MILLIS, `size` INT64), Snappy;
// - ORC: written here as its magic bytes and a Hive struct schema only: enough to be told apart, as no reader is asked
//   to read it.

export type InventoryFormat = 'CSV' | 'Parquet' | 'ORC';

export interface ReportSpec {
  readonly sourceBucket: string;
  readonly destinationBucket: string;
  /** The configuration's destination prefix, as set (may end in "/"). */
  readonly destinationPrefix?: string;
  readonly configId: string;
  /** `YYYY-MM-DDTHH-MMZ`. */
  readonly stamp: string;
  readonly format: InventoryFormat;
  readonly rows: number;
  readonly files: number;
  /** IncludedObjectVersions All: VersionId, IsLatest, IsDeleteMarker columns, and older versions and delete markers. */
  readonly versions?: boolean;
  /** The data file whose manifest MD5 is wrong (its bytes are as generated). */
  readonly corruptFile?: number;
  /** Rows per Parquet row group. */
  readonly rowGroupSize?: number;
  /** Rows start at this index (a report of another day holds other rows). */
  readonly firstRow?: number;
  /** The keys the rows name, one each (a real bucket's keys, for the demo): `rows` is their count. */
  readonly keys?: readonly string[];
}

/** One row of a report, in the CSV schema's names; optional fields absent when empty. */
export interface InventoryRow {
  readonly Bucket: string;
  readonly Key: string;
  readonly VersionId?: string;
  readonly IsLatest?: boolean;
  readonly IsDeleteMarker?: boolean;
  readonly Size?: number;
  readonly LastModifiedDate: string;
  readonly ETag?: string;
  readonly StorageClass?: string;
}

const CLASSES = ['STANDARD', 'STANDARD', 'STANDARD', 'STANDARD_IA', 'GLACIER_IR', 'INTELLIGENT_TIERING'];

/** Row `i` of a report (0-based): deterministic, with keys that need URL-encoding now and then. */
export function rowAt(spec: ReportSpec, index: number): InventoryRow {
  const i = index + (spec.firstRow ?? 0);
  const folder = `logs/${2020 + (i % 5)}/`;
  const name = i % 97 === 0 ? `report ${i} +draft é.txt` : i % 89 === 0 ? `data%${i}/&part.csv` : `k-${String(i).padStart(9, '0')}.json`;
  const key = spec.keys?.[i] ?? folder + name;
  const time = new Date(Date.UTC(2024, 0, 1) + (i % 100_000) * 60_000).toISOString();
  const size = (i * 7919) % 5_000_000;
  const etag = createHash('md5').update(String(i)).digest('hex');
  if (!spec.versions) {
    return { Bucket: spec.sourceBucket, Key: key, Size: size, LastModifiedDate: time, ETag: etag, StorageClass: CLASSES[i % CLASSES.length] };
  }
  // Every third key has an older version after its latest one; every 50th row is a delete marker.
  const marker = i % 50 === 49;
  return {
    Bucket: spec.sourceBucket, Key: key, VersionId: `v${i.toString(36)}`, IsLatest: i % 3 !== 2, IsDeleteMarker: marker,
    ...(marker ? {} : { Size: size }), LastModifiedDate: time, ...(marker ? {} : { ETag: etag, StorageClass: CLASSES[i % CLASSES.length] }),
  };
}

/** The key prefix of a configuration's reports: the destination prefix, "/", the source bucket, the configuration. */
export function reportRoot(spec: Pick<ReportSpec, 'destinationPrefix' | 'sourceBucket' | 'configId'>): string {
  return `${spec.destinationPrefix ? `${spec.destinationPrefix}/` : ''}${spec.sourceBucket}/${spec.configId}/`;
}

export function manifestKey(spec: ReportSpec): string {
  return `${reportRoot(spec)}${spec.stamp}/manifest.json`;
}

function csvSchema(spec: ReportSpec): string[] {
  return spec.versions
    ? ['Bucket', 'Key', 'VersionId', 'IsLatest', 'IsDeleteMarker', 'Size', 'LastModifiedDate', 'ETag', 'StorageClass']
    : ['Bucket', 'Key', 'Size', 'LastModifiedDate', 'ETag', 'StorageClass'];
}

const PARQUET_NAMES: Record<string, string> = {
  Bucket: 'bucket', Key: 'key', VersionId: 'version_id', IsLatest: 'is_latest', IsDeleteMarker: 'is_delete_marker', Size: 'size',
  LastModifiedDate: 'last_modified_date', ETag: 'e_tag', StorageClass: 'storage_class',
};

/** Java URLEncoder's form encoding, as the CSV reports hold keys. */
export function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The rows of data file `file` (rows are spread evenly, in order). */
export function fileRange(spec: ReportSpec, file: number): { start: number; end: number } {
  const per = Math.ceil(spec.rows / spec.files);
  return { start: Math.min(spec.rows, file * per), end: Math.min(spec.rows, (file + 1) * per) };
}

function csvLine(row: InventoryRow, schema: readonly string[]): string {
  return schema.map((column) => {
    const value = (row as unknown as Record<string, unknown>)[column];
    const text = value === undefined ? '' : column === 'Key' ? formEncode(String(value)) : String(value);
    return `"${text.replace(/"/g, '""')}"`;
  }).join(',');
}

async function csvFile(spec: ReportSpec, file: number): Promise<Buffer> {
  const { start, end } = fileRange(spec, file);
  const schema = csvSchema(spec);
  const gzip = zlib.createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  let batch: string[] = [];
  for (let i = start; i < end; i++) {
    batch.push(csvLine(rowAt(spec, i), schema));
    if (batch.length === 10_000) {
      gzip.write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  gzip.end(batch.length ? `${batch.join('\n')}\n` : '');
  await done;
  return Buffer.concat(chunks);
}

async function parquetFile(spec: ReportSpec, file: number): Promise<Buffer> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const { start, end } = fileRange(spec, file);
  const rows = Array.from({ length: end - start }, (_, i) => rowAt(spec, start + i));
  const column = (name: keyof InventoryRow, type: 'STRING' | 'BOOLEAN' | 'INT64' | 'TIMESTAMP', map: (value: unknown) => unknown = (value) => value ?? null) => ({
    name: PARQUET_NAMES[name], type, data: rows.map((row) => map(row[name])) as never,
  });
  const columns = [
    column('Bucket', 'STRING'), column('Key', 'STRING'),
    ...(spec.versions ? [column('VersionId', 'STRING'), column('IsLatest', 'BOOLEAN'), column('IsDeleteMarker', 'BOOLEAN')] : []),
    column('Size', 'INT64', (value) => (value === undefined ? null : BigInt(value as number))),
    column('LastModifiedDate', 'TIMESTAMP', (value) => new Date(value as string)),
    column('ETag', 'STRING'), column('StorageClass', 'STRING'),
  ];
  return Buffer.from(parquetWriteBuffer({ columnData: columns, rowGroupSize: spec.rowGroupSize ?? 10_000 }));
}

function parquetSchema(spec: ReportSpec): string {
  const fields = csvSchema(spec).map((column) => {
    const name = PARQUET_NAMES[column];
    if (column === 'IsLatest' || column === 'IsDeleteMarker') {
      return `optional boolean ${name};`;
    }
    if (column === 'Size') {
      return `optional int64 ${name};`;
    }
    if (column === 'LastModifiedDate') {
      return `optional int64 ${name} (TIMESTAMP_MILLIS);`;
    }
    return `${column === 'Bucket' || column === 'Key' ? 'required' : 'optional'} binary ${name} (UTF8);`;
  });
  return `message s3.inventory { ${fields.join(' ')} }`;
}

export interface ReportObject {
  readonly key: string;
  readonly body: Buffer;
}

/** Every object of one report: its data files, manifest.json and manifest.checksum. */
export async function reportObjects(spec: ReportSpec): Promise<ReportObject[]> {
  const extension = spec.format === 'CSV' ? 'csv.gz' : spec.format === 'Parquet' ? 'parquet' : 'orc';
  const files: ReportObject[] = [];
  for (let file = 0; file < spec.files; file++) {
    const key = `${reportRoot(spec)}data/${spec.stamp}-${String(file).padStart(4, '0')}-${spec.configId}.${extension}`;
    const body = spec.format === 'CSV' ? await csvFile(spec, file) : spec.format === 'Parquet' ? await parquetFile(spec, file) : Buffer.from('ORC\u0000not read');
    files.push({ key, body });
  }
  const schema = spec.format === 'CSV' ? csvSchema(spec).join(', ')
    : spec.format === 'Parquet' ? parquetSchema(spec)
      : `struct<${csvSchema(spec).map((column) => `${PARQUET_NAMES[column]}:string`).join(',')}>`;
  const [y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})Z$/.exec(spec.stamp)!.slice(1).map(Number);
  const manifest = JSON.stringify({
    sourceBucket: spec.sourceBucket,
    destinationBucket: `arn:aws:s3:::${spec.destinationBucket}`,
    version: '2016-11-30',
    creationTimestamp: String(Date.UTC(y, mo - 1, d, h, mi)),
    fileFormat: spec.format,
    fileSchema: schema,
    files: files.map((file, index) => ({
      key: file.key,
      size: file.body.length,
      MD5checksum: index === spec.corruptFile ? createHash('md5').update('not these bytes').digest('hex') : createHash('md5').update(file.body).digest('hex'),
    })),
  }, undefined, 2);
  const manifestBody = Buffer.from(manifest);
  return [
    ...files,
    { key: manifestKey(spec), body: manifestBody },
    { key: `${reportRoot(spec)}${spec.stamp}/manifest.checksum`, body: Buffer.from(createHash('md5').update(manifestBody).digest('hex')) },
  ];
}

/** Writes a report's objects into the emulator through the real S3 API. */
export async function putReport(session: AwsSession, spec: ReportSpec, leaveOut: readonly string[] = []): Promise<ReportObject[]> {
  const s3 = await session.client(s3Client);
  const objects = await reportObjects(spec);
  for (const object of objects) {
    if (!leaveOut.some((end) => object.key.endsWith(end))) {
      await s3.send(new PutObjectCommand({ Bucket: spec.destinationBucket, Key: object.key, Body: object.body }));
    }
  }
  return objects;
}

/** A row as the export writes it: the live listing's field names, then ours. */
export function expectedRecord(spec: ReportSpec, index: number): Record<string, unknown> {
  const row = rowAt(spec, index);
  const current = row.IsLatest !== false && !row.IsDeleteMarker;
  return {
    Key: row.Key,
    ...(row.VersionId !== undefined ? { VersionId: row.VersionId, IsLatest: row.IsLatest, IsDeleteMarker: row.IsDeleteMarker } : {}),
    LastModified: row.LastModifiedDate,
    ...(row.ETag !== undefined ? { ETag: `"${row.ETag}"` } : {}),
    ...(row.Size !== undefined ? { Size: row.Size } : {}),
    ...(row.StorageClass !== undefined ? { StorageClass: row.StorageClass } : {}),
    s3Uri: `s3://${spec.sourceBucket}/${row.Key}`,
    itemType: row.IsDeleteMarker ? 'deleteMarker' : current ? 'object' : 'version',
    inventoryDate: `${spec.stamp.slice(0, 10)}T${spec.stamp.slice(11, 13)}:${spec.stamp.slice(14, 16)}:00.000Z`,
  };
}
