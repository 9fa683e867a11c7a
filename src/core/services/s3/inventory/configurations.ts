import type { InventoryConfiguration, ListBucketInventoryConfigurationsCommandOutput } from '@aws-sdk/client-s3';
import { type AwsClients, type SendOptions } from '../../../aws/clients';
import { type ExportRecord, type ResourceItem, type Value } from '../../../lists';
import { paginated } from '../../../paging/listPaging';
import { consolePage } from '../../console';
import { type ResourceKind, responseFields } from '../../kind';
import { bucketItem } from '../buckets';
import { s3Client } from '../client';
import { load } from '../sdk';
import { inventoryAddress, parseInventoryAddress } from './address';
import * as l10n from '@vscode/l10n';

/**
 * A bucket's S3 Inventory configurations (ListBucketInventoryConfigurations: at most 100 a call, paged by
 * `ContinuationToken`), shown as "Inventory Reports" above the bucket's objects when it has any. Params: `bucket`.
 */
export const s3InventoryConfigs: ResourceKind<ListBucketInventoryConfigurationsCommandOutput> = {
  id: 's3.inventoryConfigs',
  itemNoun: 'inventory configurations',
  title: () => l10n.t('Inventory Reports'),
  icon: 'checklist',
  address: (params) => inventoryAddress({ bucket: params.bucket, list: 'configurations' }),
  parseAddress(text) {
    const parsed = parseInventoryAddress(text);
    return parsed?.list === 'configurations' ? { bucket: parsed.bucket } : undefined;
  },
  addressForms: [{ form: 's3-inventory://bucket?configurations', example: 's3-inventory://my-bucket?configurations', description: "a bucket's S3 Inventory configurations" }],
  tokenFields: { input: 'ContinuationToken', output: 'NextContinuationToken' },
  fixedPageSize: 100,
  columns: ['Id', 'IsEnabled', 'Destination', 'Filter', 'IncludedObjectVersions', 'OptionalFields', 'Schedule', 'sourceBucket'],
  emptyLabel: l10n.t('No inventory configurations'),
  owner: (params, scope) => ({ item: bucketItem(params.bucket, scope), source: { kind: 's3.buckets', params: {} } }),
  console: {
    list: (params, scope, host) => consolePage(host, `s3/management/${encodeURIComponent(params.bucket)}/inventory`, scope.region),
  },
  paginate: paginated(s3Client, () => load().paginateListBucketInventoryConfigurations, (params) => ({ Bucket: params.bucket })),
  itemsOf(output, params) {
    return (output.InventoryConfigurationList ?? []).flatMap((configuration) => (configuration.Id ? [configurationItem(params.bucket, configuration)] : []));
  },
  detailsOf(item) {
    const bucket = String(item.record.sourceBucket);
    const id = String(item.record.Id);
    return {
      operation: 'GetBucketInventoryConfiguration',
      fetch: async (clients, send) => ({ Bucket: bucket, ...responseFields(await fetchConfiguration(clients, bucket, id, send)) }),
    };
  },
};

function configurationItem(bucket: string, configuration: InventoryConfiguration): ResourceItem {
  const id = configuration.Id!;
  const address = inventoryAddress({ bucket, config: id, list: 'reports' });
  const destination = configuration.Destination?.S3BucketDestination;
  const parts = [
    destination?.Format,
    configuration.Schedule?.Frequency,
    configuration.IncludedObjectVersions === 'All' ? l10n.t('all versions') : l10n.t('current versions'),
    configuration.Filter?.Prefix ? l10n.t('prefix {0}', configuration.Filter.Prefix) : undefined,
    configuration.IsEnabled === false ? l10n.t('disabled') : undefined,
  ];
  return {
    id: address,
    name: id,
    description: parts.filter(Boolean).join(' · '),
    itemKind: 's3InventoryConfig',
    ids: [{ label: 'Address', value: address }],
    children: { kind: 's3.inventoryReports', params: { bucket, config: id } },
    record: { ...(plain(configuration) as Record<string, Value>), sourceBucket: bucket } as ExportRecord,
  };
}

/** The SDK's answer as JSON (no `undefined`, Dates as text). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** GetBucketInventoryConfiguration: one configuration of a bucket. */
export async function fetchConfiguration(clients: AwsClients, bucket: string, id: string, send: SendOptions): Promise<InventoryConfiguration> {
  const output = await (await clients.client(s3Client)).send(new (load().GetBucketInventoryConfigurationCommand)({ Bucket: bucket, Id: id }), send);
  return output.InventoryConfiguration ?? {} as InventoryConfiguration;
}

/** Every configuration of a bucket (a few calls at most: 100 a call, 1,000 a bucket). */
export async function listConfigurations(clients: AwsClients, bucket: string, send: SendOptions): Promise<InventoryConfiguration[]> {
  const all: InventoryConfiguration[] = [];
  for await (const page of s3InventoryConfigs.paginate(clients, { bucket }, {}, send)) {
    all.push(...(page.InventoryConfigurationList ?? []));
  }
  return all;
}

/** Where a configuration's reports are: the destination bucket (a name, from its ARN) and the key prefix of its reports. */
export function reportLocation(bucket: string, configuration: InventoryConfiguration): { readonly bucket: string; readonly root: string; readonly account?: string } {
  const destination = configuration.Destination?.S3BucketDestination;
  const arn = destination?.Bucket ?? '';
  const name = arn.startsWith('arn:') ? arn.slice(arn.lastIndexOf(':') + 1) : arn;
  // "destination-prefix/source-bucket/config-ID/…": the prefix is followed by "/" as it is, so "inv/" gives "inv//…".
  const prefix = destination?.Prefix ? `${destination.Prefix}/` : '';
  return { bucket: name, root: `${prefix}${bucket}/${configuration.Id}/`, ...(destination?.AccountId ? { account: destination.AccountId } : {}) };
}

