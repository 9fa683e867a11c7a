import type { AffectedEntity } from '@aws-sdk/client-health';
import { recordOf } from './eventRows';
import { type ResourceItem } from '../../lists';

/** An AffectedEntity's fields as the AWS CLI prints them, in the API's order (API_AffectedEntity.html). */
export const ENTITY_FIELDS = ['entityArn', 'eventArn', 'entityValue', 'entityUrl', 'awsAccountId', 'lastUpdatedTime', 'statusCode', 'tags', 'entityMetadata'] as const;

/**
 * An affected entity as a row: its value (an instance id, a function ARN…), its status (and account, in the
 * organization view), the time of its last update.
 */
export function entityItem(entity: AffectedEntity, showAccount: boolean): ResourceItem {
  const value = entity.entityValue ?? entity.entityArn ?? '';
  return {
    id: entity.entityArn ?? `${entity.eventArn}#${entity.awsAccountId}#${value}`,
    name: value,
    description: [entity.statusCode, showAccount ? entity.awsAccountId : undefined].filter(Boolean).join(' · ') || undefined,
    time: entity.lastUpdatedTime?.toISOString(),
    itemKind: 'healthEntity',
    ids: [...(entity.entityArn ? [{ label: 'ARN', value: entity.entityArn }] : []), ...(entity.entityUrl ? [{ label: 'URL', value: entity.entityUrl }] : [])],
    record: recordOf(entity, ENTITY_FIELDS),
  };
}

/** What names an entity across pages that can repeat it: its event, its ARN, and (organization view) its account. */
export function entityKey(item: ResourceItem): string {
  return JSON.stringify([item.record.eventArn ?? null, item.record.entityArn ?? item.id, item.record.awsAccountId ?? null]);
}
