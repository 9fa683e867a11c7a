import type { DescribeInstancesCommandOutput, Instance } from '@aws-sdk/client-ec2';
import { partitionOf } from '../../aws/partition';
import { ec2Client } from './client';
import { filtersOf, idParam, stateParam, tagParam } from './filters';
import { load } from './sdk';
import { AddressError } from '../address';
import { type ResourceKind, responseFields } from '../kind';
import { type ExportRecord, type Params, type ResourceItem, type Scope, type Value } from '../../lists';
import { paginated } from '../../paging/listPaging';
import { plain } from '../plain';
import { consolePage } from '../console';
import * as l10n from '@vscode/l10n';
import { byField, byMonth, type ListSummary } from '../../answers/summaryFacet';

const ADDRESS = 'ec2:instances';
/** The CSV columns: the fields a spreadsheet of instances wants, under the API's names (State as its name), and our `name` (the Name tag). */
const CSV_COLUMNS = ['InstanceId', 'name', 'State', 'InstanceType', 'LaunchTime', 'PrivateIpAddress', 'PublicIpAddress', 'VpcId', 'SubnetId', 'ImageId', 'Tags'];

/** What Summarize… groups the instances by. */
const ec2Summary: ListSummary = { groupings: [byField('state', 'By state', 'State.Name'), byField('type', 'By instance type', 'InstanceType'), byField('zone', 'By Availability Zone', 'Placement.AvailabilityZone'), byMonth] };

/**
 * The EC2 instances of the region, reservations flattened in the order DescribeInstances gives them. Params:
 * optional `state` and `tag`, sent as the API's `Filters` (see filters.ts).
 */
export const ec2Instances: ResourceKind<DescribeInstancesCommandOutput> = {
  id: 'ec2.instances',
  itemNoun: 'instances',
  summary: ec2Summary,
  find: {
    // An instance's name is its Name tag (its row shows the id where it has none): what `tag:Name` filters on.
    name: (item) => (typeof item.record.name === 'string' ? item.record.name : undefined),
    // API reference, DescribeInstances Filters: "tag:<key>… Filter values are case-sensitive"; "*" and "?" are its
    // wildcards, so a substring is `*text*` and a glob is itself. A node already filtered by a tag keeps its filter.
    narrow: (params, find) => (params.tag || find.ignoreCase || find.pattern.includes('\\') || (find.mode !== 'text' && find.mode !== 'glob') ? undefined
      : { ...params, tag: `Name=${find.mode === 'text' ? `*${find.pattern}*` : find.pattern}` }),
  },
  title: (params) => [l10n.t('EC2 Instances'), params.id, params.state, params.tag].filter(Boolean).join(' · '),
  icon: 'vm',
  address(params) {
    const query = new URLSearchParams();
    for (const name of ['id', 'state', 'tag'] as const) {
      if (params[name]) {
        query.set(name, params[name]);
      }
    }
    const text = query.toString();
    return text ? `${ADDRESS}?${text}` : ADDRESS;
  },
  parseAddress(text): Params | undefined {
    if (text !== ADDRESS && !text.startsWith(`${ADDRESS}?`)) {
      return undefined;
    }
    const query = new URLSearchParams(text.slice(ADDRESS.length + 1));
    const unknown = [...query.keys()].filter((key) => key !== 'id' && key !== 'state' && key !== 'tag');
    if (unknown.length) {
      throw new AddressError(l10n.t('{0} takes ?id=…, &state=… and &tag=… only, not {1}.', ADDRESS, unknown.join(', ')));
    }
    const [id, state, tag] = [query.get('id'), query.get('state'), query.get('tag')];
    return { ...(id ? { id: idParam(id) } : {}), ...(state ? { state: stateParam(state) } : {}), ...(tag ? { tag: tagParam(tag) } : {}) };
  },
  addressForms: [
    { form: `${ADDRESS}[?id=I&state=S&tag=K=V]`, example: `${ADDRESS}?state=running&tag=Name=web-*`, description: 'the EC2 instances of the region, optionally by id, state and tag (server-side Filters)' },
  ],
  options: [
    { flag: 'state', param: 'state', value: 'STATES', description: `EC2 instances in these states (comma-separated: running,stopped…)`, parse: stateParam },
    { flag: 'tag', param: 'tag', value: 'KEY[=VALUE]', description: 'EC2 instances with this tag (* and ? as wildcards in VALUE)', parse: tagParam },
  ],
  tokenFields: { input: 'NextToken', output: 'NextToken', pageSize: 'MaxResults' },
  // API reference, DescribeInstances: "MaxResults … You cannot specify this parameter and the instance IDs parameter
  // in the same request. Valid range: 5 - 1000." A listing never sends InstanceIds.
  pageSizeLimits: { min: 5, max: 1000 },
  columns: CSV_COLUMNS,
  exportShape: async (_clients, _params, how) => (how.format === 'csv'
    ? { columns: CSV_COLUMNS, record: (item) => ({ ...item.record, State: (item.record.State as { Name?: string } | undefined)?.Name ?? null }) }
    : { columns: CSV_COLUMNS }),
  console: {
    list: (params, scope, host) => consolePage(host, 'ec2/home', scope.region, `Instances:${params.state ? `instanceState=${params.state}` : ''}`),
    item: (item, _params, scope, host) => consolePage(host, 'ec2/home', scope.region, `InstanceDetails:instanceId=${String(item.record.InstanceId)}`),
  },
  paginate: paginated(ec2Client, () => load().paginateDescribeInstances, (params) => ({ Filters: filtersOf(params) })),
  itemsOf: (output, _params, scope) => (output.Reservations ?? []).flatMap((reservation) =>
    (reservation.Instances ?? []).flatMap((instance) => (instance.InstanceId === undefined ? [] : [instanceItem(instance, reservation.OwnerId, scope)]))),
  detailsOf(item) {
    const id = item.record.InstanceId;
    return typeof id !== 'string' ? undefined : {
      operation: 'DescribeInstances',
      async fetch(clients, send) {
        const output = await (await clients.client(ec2Client)).send(new (load().DescribeInstancesCommand)({ InstanceIds: [id] }), send);
        return responseFields(output.Reservations?.[0]?.Instances?.[0] ?? { InstanceId: id });
      },
    };
  },
};

function instanceItem(instance: Instance, ownerId: string | undefined, scope: Scope): ResourceItem {
  const id = instance.InstanceId!;
  const name = instance.Tags?.find((tag) => tag.Key === 'Name')?.Value;
  const arn = ownerId ? `arn:${scope.partition || partitionOf(scope.region)}:ec2:${scope.region}:${ownerId}:instance/${id}` : undefined;
  const record = plain(instance) as Record<string, Value>;
  return {
    id: arn ?? `ec2:instance/${id}`,
    name: name || id,
    description: [instance.State?.Name, instance.InstanceType, instance.PrivateIpAddress].filter(Boolean).join(' · '),
    time: instance.LaunchTime?.toISOString(),
    itemKind: 'ec2Instance',
    ids: arn ? [{ label: 'ARN', value: arn }, { label: 'ID', value: id }] : [{ label: 'ID', value: id }],
    record: { ...record, name: name ?? null, arn: arn ?? null } as ExportRecord,
  };
}
