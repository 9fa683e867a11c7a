import type { ListBucketsCommandOutput } from '@aws-sdk/client-s3';
import { s3Client } from './client';
import { load } from './sdk';
import { s3Uri } from './uri';
import { prefixQueryOf, withPrefixQuery } from '../address';
import { type Params, type ResourceItem, type Scope } from '../../lists';
import { type ResourceKind } from '../kind';
import { paginated } from '../../paging/listPaging';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';

const ADDRESS = 's3://';

/** The S3 buckets of the account. Params: optional `prefix` (bucket-name prefix). */
export const s3Buckets: ResourceKind<ListBucketsCommandOutput> = {
  id: 's3.buckets',
  itemNoun: 'buckets',
  title: () => l10n.t('S3 Buckets'),
  icon: 'database',
  address: (params) => withPrefixQuery(ADDRESS, params.prefix),
  parseAddress(text): Params | undefined {
    const prefix = prefixQueryOf(text === 's3:' ? ADDRESS : text, ADDRESS);
    return prefix === undefined ? undefined : prefix ? { prefix } : {};
  },
  addressForms: [{ form: 's3://', example: 's3://', description: "the account's S3 buckets" }],
  tokenFields: { input: 'ContinuationToken', output: 'ContinuationToken', pageSize: 'MaxBuckets' },
  pageSizeLimits: { min: 1, max: 10_000 },
  columns: ['Name', 'CreationDate', 'BucketRegion', 's3Uri', 'arn'],
  filterParam: 'prefix',
  // MaxBuckets is always sent (the pager always gives a size): without it, a token or prefix gives pages of 10,000.
  console: {
    list: (_params, scope, host) => consolePage(host, 's3/buckets', scope.region),
    item: (item, _params, scope, host) => consolePage(host, `s3/buckets/${encodeURIComponent(item.name)}`, String(item.record.BucketRegion ?? scope.region)),
  },
  paginate: paginated(s3Client, () => load().paginateListBuckets, (params) => ({ Prefix: params.prefix || undefined })),
  itemsOf(output, _params, scope) {
    return (output.Buckets ?? []).flatMap((bucket) => (bucket.Name ? [bucketItem(bucket.Name, scope, bucket.CreationDate, bucket.BucketRegion)] : []));
  },
  detailsOf(item) {
    return {
      operation: 'GetBucketLocation',
      async fetch(clients, send) {
        const output = await (await clients.client(s3Client)).send(new (load().GetBucketLocationCommand)({ Bucket: item.name }), send);
        // An empty LocationConstraint means us-east-1.
        return { Bucket: item.name, Region: output.LocationConstraint || 'us-east-1' };
      },
    };
  },
};

/**
 * A bucket as a row: it expands to its top-level folders and objects. Its ARN has no region or account, but the
 * partition of the connection's region (`arn:aws-cn:s3:::…` in China).
 */
export function bucketItem(name: string, scope: Scope, created?: Date, region?: string): ResourceItem {
  const uri = s3Uri(name);
  const arn = `arn:${scope.partition}:s3:::${name}`;
  return {
    id: uri,
    name,
    description: region,
    itemKind: 's3Bucket',
    ids: [{ label: 'S3 URI', value: uri }, { label: 'ARN', value: arn }],
    children: { kind: 's3.objects', params: { bucket: name, prefix: '', delimiter: '/' } },
    record: {
      Name: name, ...(created ? { CreationDate: created.toISOString() } : {}), ...(region ? { BucketRegion: region } : {}), s3Uri: uri, arn,
    },
  };
}
