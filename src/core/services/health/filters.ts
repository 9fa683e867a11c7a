import { AddressError } from '../address';
import { type Params } from '../../lists';
import * as l10n from '@vscode/l10n';

/** Event status codes, as the API names them (API_Event.html, statusCode). */
export const STATUSES = ['open', 'upcoming', 'closed'] as const;
/** Event type categories (API_Event.html, eventTypeCategory). */
export const CATEGORIES = ['issue', 'accountNotification', 'scheduledChange', 'investigation'] as const;
/** The parameters that narrow a list of events, in the order an address writes them. */
export const FILTER_PARAMS = ['status', 'category', 'service', 'region'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

/** How a node's description names each filter (`status: open`). */
export const FILTER_LABELS: Readonly<Record<FilterParam, string>> = {
  get status() {
    return l10n.t('status');
  },
  get category() {
    return l10n.t('category');
  },
  get service() {
    return l10n.t('service');
  },
  get region() {
    return l10n.t('region');
  },
};

/**
 * What each parameter may hold, from the API reference (API_EventFilter.html, API_OrganizationEventFilter.html):
 * "eventStatusCodes … Array Members: Minimum number of 1 item. Maximum number of 6 items", "eventTypeCategories …
 * Maximum number of 10 items", "services … Maximum number of 10 items … Pattern: [^:/]{2,30}", "regions … Maximum
 * number of 10 items … Pattern: [^:/]{2,25}".
 */
const RULES: Readonly<Record<FilterParam, { readonly max: number; readonly valid: (value: string) => boolean; readonly expected: () => string }>> = {
  status: { max: 6, valid: (value) => (STATUSES as readonly string[]).includes(value), expected: () => STATUSES.join(', ') },
  category: { max: 10, valid: (value) => (CATEGORIES as readonly string[]).includes(value), expected: () => CATEGORIES.join(', ') },
  service: { max: 10, valid: (value) => /^[^:/]{2,30}$/.test(value), expected: () => l10n.t('a service code such as EC2') },
  region: { max: 10, valid: (value) => /^[^:/]{2,25}$/.test(value), expected: () => l10n.t('a region such as us-east-1, or global') },
};

/** A filter parameter checked: its values, comma-separated, each valid. Throws `AddressError` saying what is expected. */
export function checkedFilter(param: FilterParam, text: string): string {
  const values = [...new Set(text.split(',').map((value) => value.trim()).filter(Boolean))];
  const rule = RULES[param];
  const wrong = values.filter((value) => !rule.valid(value));
  if (!values.length || wrong.length || values.length > rule.max) {
    throw new AddressError(l10n.t('"{0}" is not a {1} filter: {2} (at most {3}, separated by commas).', wrong.join(',') || text, FILTER_LABELS[param], rule.expected(), rule.max));
  }
  return values.join(',');
}

/** The values of one filter parameter (OR-ed by the service), or undefined when it is not set. */
export function valuesOf(params: Params, param: FilterParam): string[] | undefined {
  return params[param] ? params[param].split(',') : undefined;
}

/** The server-side filter fields of a list's params (different fields are AND-ed by the service). */
export function eventFilterOf(params: Params) {
  return {
    ...(params.status ? { eventStatusCodes: valuesOf(params, 'status') as Array<(typeof STATUSES)[number]> } : {}),
    ...(params.category ? { eventTypeCategories: valuesOf(params, 'category') as Array<(typeof CATEGORIES)[number]> } : {}),
    ...(params.service ? { services: valuesOf(params, 'service') } : {}),
    ...(params.region ? { regions: valuesOf(params, 'region') } : {}),
  };
}

/** `base[?status=…&category=…&service=…&region=…]`. */
export function filterAddress(base: string, params: Params): string {
  const query = new URLSearchParams();
  for (const param of FILTER_PARAMS) {
    if (params[param]) {
      query.set(param, params[param]);
    }
  }
  // Commas need no escaping in a query: `status=open,upcoming` reads better than `open%2Cupcoming`.
  const text = query.toString().replace(/%2C/g, ',');
  return text ? `${base}?${text}` : base;
}

/** Reads `filterAddress` back: the params, or undefined when the text is not `base`. */
export function readFilterAddress(text: string, base: string): Params | undefined {
  if (text !== base && !text.startsWith(`${base}?`)) {
    return undefined;
  }
  const query = new URLSearchParams(text.slice(base.length + 1));
  const unknown = [...query.keys()].filter((key) => !(FILTER_PARAMS as readonly string[]).includes(key));
  if (unknown.length) {
    throw new AddressError(l10n.t('{0} takes {1} only, not {2}.', base, FILTER_PARAMS.map((param) => `${param}=`).join(', '), unknown.join(', ')));
  }
  const params: Record<string, string> = {};
  for (const param of FILTER_PARAMS) {
    const value = query.get(param);
    if (value) {
      params[param] = checkedFilter(param, value);
    }
  }
  return params;
}

/** A list's title with its filters: "Health Events · open · EC2". */
export function filteredTitle(title: string, params: Params): string {
  return [title, ...FILTER_PARAMS.map((param) => params[param])].filter(Boolean).join(' · ');
}
