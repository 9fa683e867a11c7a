import { kindOf, parseAddress, rootLists, serviceOf } from '../services/registry';
import { type Adder } from '../services/service';
import { AddressError } from '../services/address';
import { listKey, type ListRef, type Params, type ResourceItem, type Scope } from '../lists';
import * as l10n from '@vscode/l10n';

/**
 * A list the user opened by hand (Add … by Name, Go to…), shown as the item that owns it at the top of its service's
 * top-level list, so it works when that list call is denied, and it survives refreshes. Plain data, so it persists.
 */
export interface Pin {
  /** The kind of the top-level list it is shown under (`s3.buckets`, `sns.topics`). */
  readonly root: string;
  /** The list an item like this comes from: its kind describes the item (details, menus). */
  readonly source: ListRef;
  readonly item: ResourceItem;
  /** A prefix filter on the item's children (Go to S3 URI with a partial key). */
  readonly filter?: string;
}

/** The top-level list an address names (`sns:topics`, `s3://?prefix=a`, `health:events?status=open`), and its filters; else undefined. */
export function rootOf(list: ListRef): { readonly root: ListRef; readonly filters: Params } | undefined {
  const kind = kindOf(list);
  const filterParams = new Set([kind.filterParam, ...Object.keys(kind.filterLabels ?? {})]);
  const base = { kind: list.kind, params: Object.fromEntries(Object.entries(list.params).filter(([param]) => !filterParams.has(param))) };
  const filters = Object.fromEntries(Object.entries(list.params).filter(([param]) => filterParams.has(param)));
  const root = rootLists.find((candidate) => listKey(candidate) === listKey(base));
  return root && { root, filters };
}

/**
 * The pin of the list an address names: the item that owns the list (the bucket of `s3://bucket/`, the folder of
 * `s3://bucket/logs/`, the topic of a topic ARN), with the rest of a partial key as its filter. Throws
 * `AddressError` when the address names no such item (a top-level list: see `rootOf`).
 */
export function pinOf(address: string, scope: Scope): Pin {
  const list = parseAddress(address);
  const { base, filter } = splitFilter(list);
  const owner = kindOf(base).owner?.(base.params, scope);
  if (!owner) {
    throw new AddressError(l10n.t('{0} is not something that can be added to the tree.', address.trim()));
  }
  const roots = serviceOf(list.kind).roots;
  const root = roots.find((candidate) => candidate.kind === owner.source.kind) ?? roots[0];
  return { root: root.kind, source: owner.source, item: owner.item, ...(filter ? { filter } : {}) };
}

/** What "Add Bucket by Name…" and the like add: the pin of the address the adder makes of the text, under its root. */
export function adderPin(adder: Adder, text: string, scope: Scope): Pin {
  const pin = pinOf(adder.address(text), scope);
  if (pin.source.kind !== adder.root) {
    throw new AddressError(l10n.t('{0} takes e.g. {1}.', adder.title, adder.placeholder));
  }
  return pin;
}

/** Why `text` cannot be added by `adder`, or undefined when it can: for input boxes. */
export function adderProblem(adder: Adder, text: string, scope: Scope): string | undefined {
  try {
    adderPin(adder, text, scope);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** A list and its prefix filter apart: the filter is shown as such, not as a list of its own. */
function splitFilter(list: ListRef): { readonly base: ListRef; readonly filter?: string } {
  const param = kindOf(list).filterParam;
  if (!param || !list.params[param]) {
    return { base: list };
  }
  const { [param]: filter, ...params } = list.params;
  return { base: { kind: list.kind, params }, filter };
}
