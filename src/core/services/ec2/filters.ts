import type { Filter } from '@aws-sdk/client-ec2';
import { AddressError } from '../address';
import { type Params } from '../../lists';
import * as l10n from '@vscode/l10n';

/** The instance states, as DescribeInstances names them (`instance-state-name`). */
export const INSTANCE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;

/**
 * The server-side `Filters` of a list's params: `id` (instance ids, comma-separated: `instance-id`), `state` (states, comma-separated: `instance-state-name`, values OR-ed)
 * and `tag` (`Key=Value`: `tag:Key`; `Key` alone: `tag-key`). Values may hold the API's wildcards `*` and `?`.
 */
export function filtersOf(params: Params): Filter[] | undefined {
  const filters: Filter[] = [];
  if (params.id) {
    // A filter, not InstanceIds: the reference forbids MaxResults with InstanceIds, and the list is paged like any.
    filters.push({ Name: 'instance-id', Values: params.id.split(',') });
  }
  if (params.state) {
    filters.push({ Name: 'instance-state-name', Values: params.state.split(',') });
  }
  if (params.tag) {
    const equals = params.tag.indexOf('=');
    filters.push(equals < 0 ? { Name: 'tag-key', Values: [params.tag] } : { Name: `tag:${params.tag.slice(0, equals)}`, Values: [params.tag.slice(equals + 1)] });
  }
  return filters.length ? filters : undefined;
}

/** A `state` parameter checked: known states, comma-separated. */
export function stateParam(text: string): string {
  const states = text.split(',').map((state) => state.trim()).filter(Boolean);
  const unknown = states.filter((state) => !(INSTANCE_STATES as readonly string[]).includes(state));
  if (!states.length || unknown.length) {
    throw new AddressError(l10n.t('"{0}" is not an instance state: {1} (several separated by commas).', unknown.join(',') || text, INSTANCE_STATES.join(', ')));
  }
  return states.join(',');
}

/** An `id` parameter checked: instance ids (`i-` and hex), comma-separated. */
export function idParam(text: string): string {
  const ids = text.split(',').map((id) => id.trim()).filter(Boolean);
  if (!ids.length || ids.some((id) => !/^i-[0-9a-f]{8,17}$/.test(id))) {
    throw new AddressError(l10n.t('"{0}" is not an instance id: i- and 8 or 17 hexadecimal digits (several separated by commas).', text));
  }
  return ids.join(',');
}

/** A `tag` parameter checked: `Key=Value` or `Key`, the key not empty. */
export function tagParam(text: string): string {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('=')) {
    throw new AddressError(l10n.t('"{0}" is not a tag filter: Key=Value (with * and ? as wildcards), or Key for every instance with that tag.', text));
  }
  return trimmed;
}
