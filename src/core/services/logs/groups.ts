import type { DescribeLogGroupsCommandOutput, LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { formatBytes } from '../../numbers';
import { logsClient } from './client';
import { load } from './sdk';
import { isoOf } from './time';
import { prefixQueryOf, withPrefixQuery } from '../address';
import { type ResourceKind, responseFields } from '../kind';
import { type Params, type ResourceItem, type Value, arnIds } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { plain } from '../plain';
import { consolePage } from '../console';
import { logsConsolePage } from './names';
import * as l10n from '@vscode/l10n';
import { byField, byMonth, type ListSummary } from '../../answers/summaryFacet';

const ADDRESS = 'logs:groups';

/** What Summarize… groups the groups by. */
const groupsSummary: ListSummary = { groupings: [byField('class', 'By log group class', 'logGroupClass'), byField('retention', 'By retention (days)', 'retentionInDays'), byMonth] };

/** The log groups of the region, in name order. Params: optional `prefix` (logGroupNamePrefix, server-side). */
export const logGroups: ResourceKind<DescribeLogGroupsCommandOutput> = {
  id: 'logs.groups',
  itemNoun: 'log groups',
  summary: groupsSummary,
  title: () => l10n.t('CloudWatch Log Groups'),
  icon: 'output',
  address: (params) => withPrefixQuery(ADDRESS, params.prefix),
  parseAddress(text): Params | undefined {
    const prefix = prefixQueryOf(text, ADDRESS);
    return prefix === undefined ? undefined : prefix ? { prefix } : {};
  },
  addressForms: [
    { form: ADDRESS, example: ADDRESS, description: 'the CloudWatch log groups of the region' },
    { form: `${ADDRESS}?prefix=NAME`, example: `${ADDRESS}?prefix=/aws/lambda/`, description: 'the log groups whose names start with NAME' },
  ],
  tokenFields: { input: 'nextToken', output: 'nextToken', pageSize: 'limit' },
  // API reference, DescribeLogGroups: "limit … Valid Range: Minimum value of 1. Maximum value of 50."
  pageSizeLimits: { min: 1, max: 50 },
  columns: [
    'logGroupName', 'creationTime', 'retentionInDays', 'metricFilterCount', 'arn', 'storedBytes', 'kmsKeyId', 'dataProtectionStatus', 'inheritedProperties',
    'logGroupClass', 'logGroupArn', 'deletionProtectionEnabled', 'creationTimeIso',
  ],
  filterParam: 'prefix',
  console: {
    list: (_params, scope, host) => consolePage(host, 'cloudwatch/home', scope.region, 'logsV2:log-groups'),
    item: (item, _params, scope, host) => logsConsolePage(host, scope.region, item.name),
  },
  paginate: paginated(logsClient, () => load().paginateDescribeLogGroups, (params) => ({ logGroupNamePrefix: params.prefix || undefined })),
  itemsOf: (output) => (output.logGroups ?? []).flatMap((group) => (group.logGroupName === undefined ? [] : [groupItem(group)])),
  detailsOf(item) {
    const name = item.name;
    return {
      operation: 'DescribeLogGroups',
      async fetch(clients, send) {
        const client = await clients.client(logsClient);
        const [groups, filters] = await Promise.all([
          client.send(new (load().DescribeLogGroupsCommand)({ logGroupNamePrefix: name, limit: 50 }), send),
          client.send(new (load().DescribeMetricFiltersCommand)({ logGroupName: name, limit: 50 }), send),
        ]);
        const group = groups.logGroups?.find((candidate) => candidate.logGroupName === name);
        return {
          ...responseFields(group ?? { logGroupName: name }),
          retention: group?.retentionInDays ? l10n.t('{0} days', group.retentionInDays) : l10n.t('never expires'),
          creationTimeIso: isoOf(group?.creationTime),
          metricFilters: (filters.metricFilters ?? []).map((filter) => filter.filterName ?? ''),
        };
      },
    };
  },
};

/** A log group as a row: it expands to its streams, newest first; Search Events… opens a search under it. */
export function groupItem(group: LogGroup): ResourceItem {
  const name = group.logGroupName!;
  const retention = group.retentionInDays ? l10n.t('{0} days', group.retentionInDays) : l10n.t('never expires');
  // Every field the service returned, lists too (inheritedProperties), as the AWS CLI prints them; then ours.
  const record = plain(group) as Record<string, Value>;
  record.creationTimeIso = isoOf(group.creationTime);
  return {
    id: group.logGroupArn ?? `logs:group/${name}`,
    name,
    description: [group.storedBytes === undefined ? undefined : formatBytes(group.storedBytes), retention].filter(Boolean).join(' · '),
    time: isoOf(group.creationTime) ?? undefined,
    itemKind: 'logGroup',
    ids: arnIds(group.logGroupArn ?? group.arn?.replace(/:\*$/, '')),
    children: { kind: 'logs.streams', params: { group: name } },
    record,
  };
}

/** A group the user named (Add Log Group by Name…), before anything was listed of it. */
export function namedGroupItem(name: string): ResourceItem {
  return { ...groupItem({ logGroupName: name }), description: undefined };
}
