import { type Params } from '../lists';
import { type ResourceKind } from './kind';

/**
 * A list kind made from another (a find in a list, a summary's ranking): `base`'s paging, records and rows, its params
 * being `base`'s and some of its own (`baseParams` takes them away again). It has no address form of its own, no
 * options, owner, filters or folders, and no find; its export shape and console pages are `base`'s for `base`'s params.
 * `own` says the rest (its id, title, address…) and overrides any of these.
 */
export function derivedKindOf(base: ResourceKind, baseParams: (params: Params) => Params, own: Partial<ResourceKind> & Pick<ResourceKind, 'id'>): ResourceKind {
  const { exportShape, console } = base;
  return {
    ...base,
    parseAddress: () => undefined,
    addressForms: [],
    options: undefined,
    available: undefined,
    owner: undefined,
    filterParam: undefined,
    filterLabels: undefined,
    folders: undefined,
    find: undefined,
    exportShape: exportShape && ((clients, params, how, send) => exportShape(clients, baseParams(params), how, send)),
    console: console?.item && { item: (item, params, scope, host) => console.item!(item, baseParams(params), scope, host) },
    ...own,
  };
}
