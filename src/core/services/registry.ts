import { type ListRef } from '../lists';
import { isRefusedTokenError, type RefusedTokenRule } from '../paging/refusedToken';
import { type PagedList } from '../paging/listPaging';
import { AddressError, type AddressForm, type ListOption } from './address';
import { type ResourceKind } from './kind';
import { type Adder, type ListAction, type Service } from './service';
import { sns } from './sns';
import { s3 } from './s3';
import { sqs } from './sqs';
import { dynamodb } from './dynamodb';
import { logs } from './logs';
import { ec2 } from './ec2';
import { health } from './health';
import { resourceExplorer } from './resourceExplorer';
import { findKindOf, foundInKind } from '../find/findList';
import { rankedInKind, rankedKindOf } from '../answers/rankedList';
import * as l10n from '@vscode/l10n';

/** Every service the extension knows, in the order the tree shows them. Adding a service is one line here. */
export const services: readonly Service[] = [sns, s3, sqs, dynamodb, logs, ec2, health, resourceExplorer];

const kinds: ReadonlyMap<string, ResourceKind> = new Map(
  services.flatMap((service) => service.kinds as ResourceKind[]).map((kind) => [kind.id, kind]),
);
const serviceOfKind: ReadonlyMap<string, Service> = new Map(services.flatMap((service) => service.kinds.map((kind) => [kind.id, service])));

// A find in a list, and the largest/newest/oldest a summary kept, are lists of their own kinds, each made from the
// kind it reads when first asked for.
const derivedKinds = new Map<string, ResourceKind>();
const derivations: ReadonlyArray<{ readonly baseOf: (id: string) => string | undefined; readonly kindOf: (base: ResourceKind) => ResourceKind }> = [
  { baseOf: foundInKind, kindOf: findKindOf },
  { baseOf: rankedInKind, kindOf: rankedKindOf },
];

/** The service's own kind a derived kind (a find, a ranking, a find in a ranking) reads, or the id itself. */
function baseKindId(id: string): string {
  for (const derivation of derivations) {
    const base = derivation.baseOf(id);
    if (base !== undefined) {
      return baseKindId(base);
    }
  }
  return id;
}

export function resourceKind(id: string): ResourceKind {
  const kind = kinds.get(id) ?? derivedKinds.get(id);
  if (kind) {
    return kind;
  }
  for (const derivation of derivations) {
    const base = derivation.baseOf(id);
    if (base !== undefined) {
      const derived = derivation.kindOf(resourceKind(base));
      derivedKinds.set(id, derived);
      return derived;
    }
  }
  throw new Error(`Unknown resource kind "${id}"`);
}

export function kindOf(ref: ListRef): ResourceKind {
  return resourceKind(ref.kind);
}

/** The service a kind belongs to. */
export function serviceOf(kindId: string): Service {
  const service = serviceOfKind.get(baseKindId(kindId));
  if (!service) {
    throw new Error(`Unknown resource kind "${kindId}"`);
  }
  return service;
}

/** How every service says it refused a page token: for messages about an error from any of them. */
export const refusedTokenRules: readonly RefusedTokenRule[] = services.flatMap((service) => service.errors?.refusedToken ?? []);

/** A list ready for the pager: its kind's paging, and its own service's way of refusing a token. */
export function pagedListOf(ref: ListRef): PagedList {
  const rules = serviceOf(ref.kind).errors?.refusedToken ?? [];
  return { ref, paging: kindOf(ref), refusesToken: (error) => isRefusedTokenError(error, rules) };
}

/** The lists shown at the top of the tree. */
export const rootLists: readonly ListRef[] = services.flatMap((service) => service.roots);

/** Every "Add … by Name" there is. */
export const adders: readonly Adder[] = services.flatMap((service) => service.adders ?? []);

/** Every list that opens from an item by asking first ("Query by Partition Key…"). */
export const actions: readonly ListAction[] = services.flatMap((service) => service.actions ?? []);

/** Every address form of every kind, in the order of the services. */
export const addressForms: readonly AddressForm[] = [...kinds.values()].flatMap((kind) => kind.addressForms);

/** Every command-line option a kind takes (`--start`, `--state`), once per flag, with the kinds that take it. */
export const listOptions: ReadonlyArray<ListOption & { readonly kinds: readonly string[] }> = (() => {
  const byFlag = new Map<string, ListOption & { kinds: string[] }>();
  for (const kind of kinds.values()) {
    for (const option of kind.options ?? []) {
      const known = byFlag.get(option.flag);
      if (known) {
        known.kinds.push(kind.id);
      } else {
        byFlag.set(option.flag, { ...option, kinds: [kind.id] });
      }
    }
  }
  return [...byFlag.values()];
})();

/** An item kind (`s3Object`) as its service declares it: its codicon and its name. */
export function itemKindOf(itemKind: string): { readonly icon: string; readonly noun: string } | undefined {
  return services.find((service) => service.itemKinds[itemKind] !== undefined)?.itemKinds[itemKind];
}

/** The list's address (`s3://bucket/prefix/`, `sns:topics`…), as its kind writes it. */
export function addressOf(ref: ListRef): string {
  return kindOf(ref).address(ref.params);
}

/**
 * The list an address names, as the tree shows it (an S3 prefix as its folder level). The one parser of what a user
 * types or pastes: the CLI's `<list>`, Go to…, Add … by Name and the export quick pick all come here. Throws
 * `AddressError` with what is expected when no kind reads it. The text is read as it is: names may end in spaces (an S3
 * key), so an input box trims what a user typed before it comes here.
 */
export function parseAddress(text: string): ListRef {
  const value = text;
  for (const kind of kinds.values()) {
    const params = kind.parseAddress(value);
    if (params) {
      return { kind: kind.id, params };
    }
  }
  const forms = addressForms.map((form) => form.form).join(', ');
  throw new AddressError(value ? l10n.t('Cannot tell which list "{0}" names. Use one of: {1}.', value, forms) : l10n.t('Enter a list\'s address: {0}.', forms));
}

/** Why `text` is not an address, or undefined when it is one: for input boxes. */
export function addressProblem(text: string): string | undefined {
  try {
    parseAddress(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
