import { healthClient } from './client';
import { CATEGORIES, checkedFilter, FILTER_LABELS, type FilterParam, STATUSES, valuesOf } from './filters';
import { load } from './sdk';
import { type AwsClients, type SendOptions } from '../../aws/clients';
import { type ListRef } from '../../lists';
import { type Choice, type ListAction, type Prompter } from '../service';
import * as l10n from '@vscode/l10n';

// Filter by Status…, Category…, Service…, Region… on Health Events: each sets one parameter of the node's list (the
// API's own EventFilter, server-side; values of one are OR-ed, different ones AND-ed), shown in the node's
// description and taken away by Clear Filter, or by its "any" choice.

type Ask = (list: ListRef, clients: AwsClients, prompter: Prompter, send: SendOptions) => Promise<string | undefined>;

/** A list action that narrows the node's list by `param`: '' from `ask` takes the filter away. */
function narrowing(command: string, param: FilterParam, ask: Ask): ListAction {
  return {
    command,
    listKind: ['health.events', 'health.organizationEvents'],
    narrows: true,
    async open({ list }, clients, prompter, send) {
      const value = await ask(list, clients, prompter, send);
      if (value === undefined) {
        return undefined;
      }
      const { [param]: _previous, ...others } = list.params;
      return { kind: list.kind, params: value ? { ...others, [param]: value } : others };
    },
  };
}

/** The choices of one filter: "any" first when it is set (it removes the filter), the values, the current one marked. */
function choicesOf(list: ListRef, param: FilterParam, values: ReadonlyArray<Choice<string>>): Choice<string>[] {
  const current = valuesOf(list.params, param) ?? [];
  return [
    ...(current.length ? [{ label: l10n.t('Any {0}', FILTER_LABELS[param]), description: l10n.t('remove this filter'), value: '' }] : []),
    ...values.map((choice) => (current.includes(choice.value) ? { ...choice, description: l10n.t('current filter') } : choice)),
  ];
}

export const filterByStatus = narrowing('filterHealthByStatus', 'status', (list, _clients, prompter) => prompter.pick({
  title: l10n.t('Filter Health Events by Status'),
  placeholder: l10n.t('Show the events with this status'),
  choices: choicesOf(list, 'status', STATUSES.map((status) => ({ label: status, value: status }))),
}));

export const filterByCategory = narrowing('filterHealthByCategory', 'category', (list, _clients, prompter) => prompter.pick({
  title: l10n.t('Filter Health Events by Category'),
  placeholder: l10n.t('Show the events of this category'),
  choices: choicesOf(list, 'category', CATEGORIES.map((category) => ({ label: category, value: category }))),
}));

/** The services that have event types (DescribeEventTypes, every page), of the list's categories if it has some. */
export const filterByService = narrowing('filterHealthByService', 'service', async (list, clients, prompter, send) => {
  const client = await clients.client(healthClient);
  const categories = valuesOf(list.params, 'category') as Array<(typeof CATEGORIES)[number]> | undefined;
  const services = new Set<string>();
  // API reference, DescribeEventTypes: "maxResults … Valid Range: Minimum value of 10. Maximum value of 100."
  for await (const page of load().paginateDescribeEventTypes({ client, pageSize: 100 }, categories ? { filter: { eventTypeCategories: categories } } : {}, send)) {
    for (const type of page.eventTypes ?? []) {
      if (type.service) {
        services.add(type.service);
      }
    }
  }
  return prompter.pick({
    title: l10n.t('Filter Health Events by Service'),
    placeholder: l10n.t('Show the events of this service'),
    choices: choicesOf(list, 'service', [...services].sort().map((service) => ({ label: service, value: service }))),
  });
});

/**
 * The connection's region, `global` (the Region of events of global services such as IAM) and us-east-1 to pick, any
 * other typed in (several separated by commas).
 */
export const filterByRegion = narrowing('filterHealthByRegion', 'region', async (list, clients, prompter) => {
  const other = '\u0000other';
  const title = l10n.t('Filter Health Events by Region');
  const regions = [...new Set([clients.region, 'global', 'us-east-1'])];
  const picked = await prompter.pick({
    title,
    placeholder: l10n.t('Show the events of this region'),
    choices: [...choicesOf(list, 'region', regions.map((region) => ({ label: region, value: region }))), { label: l10n.t('Other Region…'), value: other }],
  });
  if (picked !== other) {
    return picked;
  }
  const valid = (text: string) => {
    try {
      checkedFilter('region', text);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const typed = await prompter.input({ title, prompt: l10n.t('A region, or several separated by commas'), placeholder: 'eu-west-1', value: list.params.region, validate: valid });
  return typed === undefined ? undefined : checkedFilter('region', typed);
});

export const filterActions: readonly ListAction[] = [filterByStatus, filterByCategory, filterByService, filterByRegion];
