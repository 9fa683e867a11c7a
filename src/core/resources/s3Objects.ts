import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { responseFields, type ResourceItem, type ResourceKind } from './resource';
import { parseS3Uri, s3Uri } from './s3Uri';
import { formatBytes } from './format';
import { s3Module } from '../aws/sdkModules';

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
  tokenFields: { input: 'ContinuationToken', output: 'NextContinuationToken', pageSize: 'MaxKeys' },
  columns: ['key', 'uri', 'type', 'size', 'lastModified', 'eTag', 'storageClass'],
  filterParam: 'filter',
  flatten: (params) => ({ ...params, delimiter: '' }),
  // Keys beside the folders come back as objects, each folder's keys are one contiguous run (S3 sorts all keys).
  splitBy: (params) => (params.delimiter ? undefined : { ...params, delimiter: '/' }),
  async *paginate(clients, params, options, send) {
    const client = await clients.s3();
    const { paginateListObjectsV2 } = await s3Module();
    yield* paginateListObjectsV2(
      { client, pageSize: options.pageSize, startingToken: options.startingToken },
      {
        Bucket: params.bucket, Prefix: (params.prefix ?? '') + (params.filter ?? '') || undefined, Delimiter: params.delimiter || undefined,
        // As the AWS CLI does: XML cannot carry every character a key may hold (a CR becomes LF, control characters
        // break the parse), so keys come percent-encoded. `itemsOf` decodes them when the answer says it is encoded.
        EncodingType: 'url',
      },
      send,
    );
  },
  itemsOf(output, params) {
    // A service that ignores `encoding-type` (some emulators) answers without EncodingType and with raw keys.
    const decode = output.EncodingType === 'url' ? decodeS3Url : (text: string) => text;
    const folders: ResourceItem[] = (output.CommonPrefixes ?? []).flatMap(({ Prefix: encodedPrefix }) => {
      const prefix = encodedPrefix === undefined ? undefined : decode(encodedPrefix);
      if (prefix === undefined) {
        return [];
      }
      const uri = s3Uri(params.bucket, prefix);
      return [{
        id: uri,
        name: relativeName(prefix, params.prefix),
        itemKind: 's3Folder',
        s3Uri: uri,
        children: { kind: 's3.objects', params: { bucket: params.bucket, prefix, delimiter: params.delimiter } },
        record: { key: prefix, uri, type: 'folder', size: null, lastModified: null, eTag: null, storageClass: null },
      }];
    });
    const objects: ResourceItem[] = (output.Contents ?? []).flatMap((encoded) => {
      if (encoded.Key === undefined) {
        return [];
      }
      const object = { ...encoded, Key: decode(encoded.Key) };
      const uri = s3Uri(params.bucket, object.Key);
      const lastModified = object.LastModified?.toISOString() ?? null;
      return [{
        id: uri,
        name: relativeName(object.Key, params.prefix),
        description: [object.Size === undefined ? undefined : formatBytes(object.Size), lastModified?.slice(0, 16).replace('T', ' ')]
          .filter(Boolean).join(' · '),
        itemKind: 's3Object',
        s3Uri: uri,
        record: {
          key: object.Key,
          uri,
          type: 'object',
          size: object.Size ?? null,
          lastModified,
          eTag: object.ETag ?? null,
          storageClass: object.StorageClass ?? null,
        },
      }];
    });
    // S3 returns one sorted sequence split in two arrays; merge them back in key order.
    return mergeByKey(folders, objects);
  },
  detailsOf(item) {
    if (item.itemKind !== 's3Object' || item.s3Uri === undefined) {
      return undefined;
    }
    const { bucket, key } = parseS3Uri(item.s3Uri);
    return {
      operation: 'HeadObject',
      async fetch(clients, send) {
        const { HeadObjectCommand } = await s3Module();
        return { Bucket: bucket, Key: key, ...responseFields(await (await clients.s3()).send(new HeadObjectCommand({ Bucket: bucket, Key: key }), send)) };
      },
    };
  },
};

/** A key from an `EncodingType: url` listing: percent-encoded, and (like botocore's unquote_plus) `+` for a space. */
export function decodeS3Url(text: string): string {
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
  const key = (item: ResourceItem) => String(item.record.key);
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
