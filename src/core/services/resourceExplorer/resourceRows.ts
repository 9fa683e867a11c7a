import type { Resource } from '@aws-sdk/client-resource-explorer-2';
import { type ItemDetails } from '../kind';
import { type ResourceItem, type Value } from '../../lists';

/** The columns of a resource's record: the API's `Resource` fields, then ours (`name`). */
export const RESOURCE_COLUMNS = ['Arn', 'OwningAccountId', 'Region', 'ResourceType', 'Service', 'CfnResourceType', 'LastReportedAt', 'Properties', 'name'] as const;

/** A resource's name, from its ARN: what follows the last `/` or `:` of its resource part (an instance id, a bucket). */
export function nameOfArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const tail = resource.split('/').filter(Boolean).at(-1) ?? resource;
  return tail.includes(':') ? tail.slice(tail.lastIndexOf(':') + 1) || tail : tail;
}

/** A resource Resource Explorer found, as a row: its name, its type and region, its ARN to copy; no children. */
export function resourceItem(resource: Resource): ResourceItem {
  const arn = resource.Arn ?? '';
  const name = nameOfArn(arn);
  const lastReportedAt = resource.LastReportedAt?.toISOString();
  const record: Record<string, Value> = {};
  for (const field of ['Arn', 'OwningAccountId', 'Region', 'ResourceType', 'Service', 'CfnResourceType'] as const) {
    if (resource[field] !== undefined) {
      record[field] = resource[field];
    }
  }
  if (lastReportedAt !== undefined) {
    record.LastReportedAt = lastReportedAt;
  }
  if (resource.Properties?.length) {
    record.Properties = resource.Properties.map((property) => ({
      ...(property.Name !== undefined ? { Name: property.Name } : {}),
      ...(property.LastReportedAt ? { LastReportedAt: property.LastReportedAt.toISOString() } : {}),
      ...(property.Data !== undefined ? { Data: property.Data as Value } : {}),
    }));
  }
  record.name = name;
  return {
    id: arn,
    name,
    description: [resource.ResourceType, resource.Region].filter(Boolean).join(' · '),
    time: lastReportedAt,
    itemKind: 'resourceExplorerResource',
    ids: arn ? [{ label: 'ARN', value: arn }] : undefined,
    record,
  };
}

/** Show Details of a resource: what the search returned (there is no call that describes one resource). */
export function resourceDetails(item: ResourceItem): ItemDetails | undefined {
  return item.itemKind !== 'resourceExplorerResource' ? undefined : { operation: 'Resource Explorer', local: true, fetch: async () => ({ ...item.record }) };
}
