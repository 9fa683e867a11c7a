import type { ListObjectsV2CommandOutput, _Object } from '@aws-sdk/client-s3';
import { Interned } from '../../interned';
import { formatBytes } from '../../numbers';
import { parseArn } from '../arn';
import { bucketItem } from './buckets';
import { s3Client } from './client';
import { load } from './sdk';
import { parseS3Uri, s3Uri } from './uri';
import { type ResourceKind, responseFields } from '../kind';
import { type ExportRecord, type Params, type ResourceItem, type Value } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import { s3ObjectsSummary } from './summary';
import { inventoryAlternatives } from './inventory/alternatives';

/**
 * Objects under a bucket and prefix. Params: `bucket`, `prefix`, `delimiter`, and optionally `filter`
 * ("Filter by prefix": sent as part of `Prefix`, while names stay relative to `prefix`).
 * With `delimiter: '/'` it is the folder view (CommonPrefixes become folders);
 * with an empty delimiter it is every key under the prefix, recursively.
 */
export const s3Objects: ResourceKind<ListObjectsV2CommandOutput> = {
  id: 's3.objects',
  itemNoun: 'objects',
  title: (params) => {
    if (!params.prefix) {
      return params.bucket;
    }
    const trimmed = params.prefix.endsWith('/') ? params.prefix.slice(0, -1) : params.prefix;
    return trimmed.slice(trimmed.lastIndexOf('/') + 1) + (params.prefix.endsWith('/') ? '/' : '');
  },
  address: (params) => s3Uri(params.bucket, (params.prefix ?? '') + (params.filter ?? '')),
  /**
   * `s3://bucket/logs/2024/` (or the bucket's ARN) is that folder as the tree shows it; `s3://bucket/logs/app`, a key
   * that does not end in "/", is the folder `logs/` filtered by `app` (an object or a partial name).
   */
  parseAddress(text) {
    let uri = text;
    if (/^arn:[^:]*:s3:::/.test(text)) {
      uri = `s3://${parseArn(text).resource}`;
    } else if (!/^s3:\/\/[^?]/.test(text)) {
      return undefined;
    }
    const { bucket, key } = parseS3Uri(uri);
    return folderView(bucket, key);
  },
  addressForms: [
    { form: 's3://bucket/prefix/', example: 's3://my-bucket/logs/2024/', description: 'the objects under a prefix (the CLI: every key, recursively)' },
    { form: 'arn:aws:s3:::bucket', example: 'arn:aws:s3:::my-bucket', description: "a bucket's objects, by its ARN" },
  ],
  owner(params, scope) {
    if (params.delimiter !== '/' || params.filter) {
      return undefined;
    }
    if (!params.prefix) {
      return { item: bucketItem(params.bucket, scope), source: { kind: 's3.buckets', params: {} } };
    }
    const parent = params.prefix.slice(0, params.prefix.slice(0, -1).lastIndexOf('/') + 1);
    const source = { kind: 's3.objects', params: folderView(params.bucket, parent) };
    // Named with its bucket: it is shown away from it (under S3 Buckets, as a pin).
    return { item: { ...folderItem(params.bucket, params.prefix, parent, '/'), name: `${params.bucket}/${params.prefix}` }, source };
  },
  // A bucket's own level (not a folder, not filtered) shows its inventory reports, when it has any.
  companions: (params) => (params.prefix || params.filter || params.delimiter !== '/' ? [] : [{ kind: 's3.inventoryConfigs', params: { bucket: params.bucket } }]),
  alternatives: inventoryAlternatives,
  tokenFields: { input: 'ContinuationToken', output: 'NextContinuationToken', pageSize: 'MaxKeys' },
  pageSizeLimits: { min: 1, max: 1000 },
  // CSV columns: every field a listed object or folder may have (JSON leaves out the ones a record lacks).
  columns: ['Key', 'Prefix', 'LastModified', 'ETag', 'ChecksumAlgorithm', 'ChecksumType', 'Size', 'StorageClass', 'Owner', 'RestoreStatus', 's3Uri', 'itemType'],
  filterParam: 'filter',
  folders: true,
  summary: s3ObjectsSummary,
  // Every key under the folder; a pattern sees a key's path below the folder, as the rows show it, and its literal
  // start narrows the listing by `Prefix` (through `filter`, so rows keep their names).
  find: { list: (params) => ({ ...params, delimiter: '' }), name: (item) => (typeof item.record.Key === 'string' ? item.record.Key : undefined), nameBase: (params) => params.prefix ?? '' },
  // For every key below it the folder/filter distinction is moot: the filter becomes part of the prefix.
  flatten: ({ filter, ...params }) => ({ ...params, prefix: (params.prefix ?? '') + (filter ?? ''), delimiter: '' }),
  // Keys beside the folders come back as objects, each folder's keys are one contiguous run (S3 sorts all keys).
  splitBy: (params) => (params.delimiter ? undefined : { ...params, delimiter: '/' }),
  position: { input: 'StartAfter', after: positionAfter, describe: (after) => JSON.stringify(after.replace(/\u{10FFFF}$/u, '')) },
  console: {
    list: (params, scope, host) => consolePage(host, `s3/buckets/${encodeURIComponent(params.bucket)}`, scope.region, undefined, { prefix: params.prefix ?? '' }),
    item(item, params, scope, host) {
      const { key } = parseS3Uri(item.id);
      return item.itemKind === 's3Object'
        ? consolePage(host, `s3/object/${encodeURIComponent(params.bucket)}`, scope.region, undefined, { prefix: key })
        : consolePage(host, `s3/buckets/${encodeURIComponent(params.bucket)}`, scope.region, undefined, { prefix: key });
    },
  },
  paginate: paginated(s3Client, () => load().paginateListObjectsV2, (params, { startAfter }) => ({
    Bucket: params.bucket, Prefix: (params.prefix ?? '') + (params.filter ?? '') || undefined, Delimiter: params.delimiter || undefined,
    // Sent with the first request only: S3 ignores it once a ContinuationToken goes along.
    StartAfter: startAfter || undefined,
    // As the AWS CLI does: XML cannot carry every character a key may hold (a CR becomes LF, control characters
    // break the parse), so keys come percent-encoded. `itemsOf` decodes them when the answer says it is encoded.
    EncodingType: 'url' as const,
  })),
  itemsOf(output, params) {
    // A service that ignores `encoding-type` (some emulators) answers without EncodingType and with raw keys.
    const decode = output.EncodingType === 'url' ? decodeS3Url : (text: string) => text;
    const folders: ResourceItem[] = (output.CommonPrefixes ?? []).flatMap(({ Prefix: encodedPrefix }) =>
      (encodedPrefix === undefined ? [] : [folderItem(params.bucket, decode(encodedPrefix), params.prefix, params.delimiter)]));
    const objects: ResourceItem[] = (output.Contents ?? []).flatMap((encoded) => {
      if (encoded.Key === undefined) {
        return [];
      }
      const key = decode(encoded.Key);
      const uri = s3Uri(params.bucket, key);
      const lastModified = encoded.LastModified?.toISOString();
      return [{
        id: uri,
        name: relativeName(key, params.prefix),
        description: encoded.Size === undefined ? undefined : formatBytes(encoded.Size),
        time: lastModified,
        itemKind: 's3Object',
        ids: [{ label: 'S3 URI', value: uri }],
        record: objectRecord(encoded, key, lastModified, uri),
      }];
    });
    // S3 returns one sorted sequence split in two arrays; merge them back in key order.
    return mergeByKey(folders, objects);
  },
  detailsOf(item) {
    if (item.itemKind !== 's3Object') {
      return undefined;
    }
    // An object's id is its S3 URI.
    const { bucket, key } = parseS3Uri(item.id);
    return {
      operation: 'HeadObject',
      async fetch(clients, send) {
        const output = await (await clients.client(s3Client)).send(new (load().HeadObjectCommand)({ Bucket: bucket, Key: key }), send);
        return { Bucket: bucket, Key: key, ...responseFields(output) };
      },
    };
  },
};

/**
 * Where a listing goes on after a page (S3 lists in UTF-8 binary key order; `StartAfter` is exclusive): after its
 * last object's key, or after its last folder, whichever comes later. After a folder, every key under it is passed
 * too, or S3 would roll them up into the same folder again: the folder's prefix followed by U+10FFFF, the greatest
 * character, which sorts after every key under the folder but those that themselves continue with it.
 */
function positionAfter(output: ListObjectsV2CommandOutput): string | undefined {
  const decode = output.EncodingType === 'url' ? decodeS3Url : (text: string) => text;
  const key = output.Contents?.at(-1)?.Key;
  const folder = output.CommonPrefixes?.at(-1)?.Prefix;
  const afterKey = key === undefined ? undefined : decode(key);
  const afterFolder = folder === undefined ? undefined : `${decode(folder)}\u{10FFFF}`;
  if (afterKey === undefined || afterFolder === undefined) {
    return afterKey ?? afterFolder;
  }
  return Buffer.compare(Buffer.from(afterKey), Buffer.from(afterFolder)) > 0 ? afterKey : afterFolder;
}

/** A key as the tree shows it: its folder, filtered by the rest when it does not end in "/". */
function folderView(bucket: string, key: string): Params {
  const prefix = key.slice(0, key.lastIndexOf('/') + 1);
  const filter = key.slice(prefix.length);
  return { bucket, prefix, delimiter: '/', ...(filter ? { filter } : {}) };
}

function folderItem(bucket: string, prefix: string, parentPrefix: string | undefined, delimiter: string | undefined): ResourceItem {
  const uri = s3Uri(bucket, prefix);
  return {
    id: uri,
    name: relativeName(prefix, parentPrefix),
    itemKind: 's3Folder',
    ids: [{ label: 'S3 URI', value: uri }],
    children: { kind: 's3.objects', params: { bucket, prefix, delimiter: delimiter ?? '/' } },
    record: { Prefix: prefix, s3Uri: uri, itemType: 'folder' },
  };
}

// Fields with a handful of values (`STANDARD`, `["CRC64NVME"]`): one instance each for every row that holds them.
const sharedValues = new Interned<string>(64);
const sharedLists = new Interned<readonly string[]>(64);
const sharedValue = (value: string) => sharedValues.get(value, () => value);
const sharedList = (values: readonly string[]) => sharedLists.get(values.join('\u0000'), () => Object.freeze([...values]));

/**
 * An object as `aws s3api list-objects-v2` prints it: the fields the service returned, under its names, in its order,
 * the absent ones left out; then ours (`s3Uri`, `itemType`).
 */
function objectRecord(object: _Object, key: string, lastModified: string | undefined, uri: string): ExportRecord {
  const record: Record<string, Value> = { Key: key };
  if (lastModified !== undefined) {
    record.LastModified = lastModified;
  }
  if (object.ETag !== undefined) {
    record.ETag = object.ETag;
  }
  if (object.ChecksumAlgorithm?.length) {
    record.ChecksumAlgorithm = sharedList(object.ChecksumAlgorithm);
  }
  if (object.ChecksumType !== undefined) {
    record.ChecksumType = sharedValue(object.ChecksumType);
  }
  if (object.Size !== undefined) {
    record.Size = object.Size;
  }
  if (object.StorageClass !== undefined) {
    record.StorageClass = sharedValue(object.StorageClass);
  }
  if (object.Owner) {
    record.Owner = { ...object.Owner };
  }
  if (object.RestoreStatus) {
    const { IsRestoreInProgress, RestoreExpiryDate } = object.RestoreStatus;
    record.RestoreStatus = { ...(IsRestoreInProgress !== undefined ? { IsRestoreInProgress } : {}), ...(RestoreExpiryDate ? { RestoreExpiryDate: RestoreExpiryDate.toISOString() } : {}) };
  }
  record.s3Uri = uri;
  record.itemType = 'object';
  return record;
}

/** A key from an `EncodingType: url` listing: percent-encoded, and (like botocore's unquote_plus) `+` for a space. */
export function decodeS3Url(text: string): string {
  // Most keys have nothing encoded: no copy for them (two per key otherwise, on every page of an export).
  if (!text.includes('%') && !text.includes('+')) {
    return text;
  }
  return decodeURIComponent(text.replace(/\+/g, '%20'));
}

function relativeName(key: string, prefix: string | undefined): string {
  const rest = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
  return rest === '' ? key : rest;
}

function mergeByKey(a: ResourceItem[], b: ResourceItem[]): ResourceItem[] {
  if (a.length === 0) {
    return b;
  }
  if (b.length === 0) {
    return a;
  }
  const key = (item: ResourceItem) => String(item.record.Key ?? item.record.Prefix);
  const merged: ResourceItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    merged.push(compareUtf8(key(a[i]), key(b[j])) <= 0 ? a[i++] : b[j++]);
  }
  return merged.concat(a.slice(i), b.slice(j));
}

/** S3 orders keys by their UTF-8 bytes, which is not JavaScript's UTF-16 order. */
export function compareUtf8(x: string, y: string): number {
  return Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'));
}
