import { formatBytes } from '../../../numbers';
import { type ExportRecord, type ResourceItem, type Value } from '../../../lists';
import { s3Uri } from '../uri';
import { type InventoryRow } from './rowReader';

// A report's row as the live listing's row: the fields under ListObjectsV2's and ListObjectVersions' names (`Key`,
// `LastModified`, `ETag` in quotes, `Size`, `StorageClass`, `VersionId`, `IsLatest`), so a jq query written for one
// runs on the other; the inventory's other fields under its own names; then ours: `s3Uri`, `itemType`, `inventoryDate`.

const FIRST = ['Key', 'VersionId', 'IsLatest', 'IsDeleteMarker', 'LastModifiedDate', 'ETag', 'Size', 'StorageClass'];
const SKIPPED = new Set(['Bucket', ...FIRST]);

/** What a report's rows share: the source bucket and the report's instant. */
export interface ReportContext {
  readonly bucket: string;
  readonly inventoryDate: string;
}

export function inventoryItem(row: InventoryRow, report: ReportContext): ResourceItem {
  const key = String(row.Key ?? '');
  const uri = s3Uri(report.bucket, key);
  const marker = row.IsDeleteMarker === true;
  const current = row.IsLatest !== false && !marker;
  const record: Record<string, Value> = { Key: key };
  if (row.VersionId !== undefined) {
    record.VersionId = row.VersionId;
  }
  if (row.IsLatest !== undefined) {
    record.IsLatest = row.IsLatest;
  }
  if (row.IsDeleteMarker !== undefined) {
    record.IsDeleteMarker = row.IsDeleteMarker;
  }
  const lastModified = row.LastModifiedDate === undefined ? undefined : String(row.LastModifiedDate);
  if (lastModified !== undefined) {
    record.LastModified = lastModified;
  }
  if (row.ETag !== undefined) {
    const etag = String(row.ETag);
    record.ETag = etag.startsWith('"') ? etag : `"${etag}"`;
  }
  if (typeof row.Size === 'number') {
    record.Size = row.Size;
  }
  if (row.StorageClass !== undefined) {
    record.StorageClass = row.StorageClass;
  }
  for (const name in row) {
    if (!SKIPPED.has(name)) {
      record[name] = row[name];
    }
  }
  record.s3Uri = uri;
  record.itemType = marker ? 'deleteMarker' : current ? 'object' : 'version';
  record.inventoryDate = report.inventoryDate;
  // A current object acts as the live one (Open, Download…); an older version or a delete marker is a row of its own.
  const version = current ? '' : `?versionId=${encodeURIComponent(String(row.VersionId ?? ''))}`;
  return {
    id: uri + version,
    name: key,
    description: typeof row.Size === 'number' ? formatBytes(row.Size) : marker ? 'delete marker' : undefined,
    ...(lastModified !== undefined ? { time: lastModified } : {}),
    itemKind: current ? 's3Object' : 's3ObjectVersion',
    ids: [{ label: 'S3 URI', value: uri }, ...(current ? [] : [{ label: 'Version ID', value: String(row.VersionId ?? '') }])],
    record: record as ExportRecord,
  };
}
