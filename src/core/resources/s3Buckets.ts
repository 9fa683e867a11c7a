import type { ListBucketsCommandOutput } from '@aws-sdk/client-s3';
import { type ResourceKind } from './resource';
import { s3Uri } from './s3Uri';
import { s3Module } from '../aws/sdkModules';

/** The S3 buckets of the account. Params: optional `prefix` (bucket-name prefix). */
export const s3Buckets: ResourceKind<ListBucketsCommandOutput> = {
  id: 's3.buckets',
  itemNoun: 'buckets',
  title: () => 'S3 Buckets',
  address: () => 's3://',
  tokenFields: { input: 'ContinuationToken', output: 'ContinuationToken', pageSize: 'MaxBuckets' },
  columns: ['name', 'uri', 'creationDate', 'region'],
  filterParam: 'prefix',
  async *paginate(clients, params, options, send) {
    const client = await clients.s3();
    const { paginateListBuckets } = await s3Module();
    // MaxBuckets must always be sent: without it, a token or prefix gives pages of 10,000.
    yield* paginateListBuckets(
      { client, pageSize: options.pageSize, startingToken: options.startingToken },
      { Prefix: params.prefix || undefined },
      send,
    );
  },
  itemsOf(output) {
    return (output.Buckets ?? []).flatMap((bucket) => {
      if (!bucket.Name) {
        return [];
      }
      const uri = s3Uri(bucket.Name);
      const created = bucket.CreationDate?.toISOString() ?? null;
      return [{
        id: uri,
        name: bucket.Name,
        description: bucket.BucketRegion,
        itemKind: 's3Bucket',
        s3Uri: uri,
        arn: `arn:aws:s3:::${bucket.Name}`,
        children: { kind: 's3.objects', params: { bucket: bucket.Name, prefix: '', delimiter: '/' } },
        record: { name: bucket.Name, uri, creationDate: created, region: bucket.BucketRegion ?? null },
      }];
    });
  },
  detailsOf(item) {
    return {
      operation: 'GetBucketLocation',
      async fetch(clients, send) {
        const { GetBucketLocationCommand } = await s3Module();
        const output = await (await clients.s3()).send(new GetBucketLocationCommand({ Bucket: item.name }), send);
        // An empty LocationConstraint means us-east-1.
        return { Bucket: item.name, Region: output.LocationConstraint || 'us-east-1', ...item.record };
      },
    };
  },
};
