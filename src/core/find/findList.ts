import { fieldOf } from '../answers/summaryFacet';
import { type ListRef, type Params, type ResourceItem, type Scope } from '../lists';
import { type ResourceKind } from '../services/kind';
import { derivedKindOf } from '../services/derivedKind';
import { describePattern, literalPrefixOf, matcherOf, type FindMode, type FindPattern } from './pattern';
import * as l10n from '@vscode/l10n';

// Find in List… as a list: the matches of a pattern in another list are a list of their own kind (`s3.objects+find`),
// paged by the other list's tokens, whose pages hold only the items that match. So the tree pages it (an empty page
// with a token is Load more), the exporter writes and checkpoints it and the CLI finds with it, each by the one
// mechanism it has for every list; a find resumes from its token like any listing.

/** How a find kind's id ends: `s3.objects+find` finds in `s3.objects`. */
export const FIND_SUFFIX = '+find';

/** The params a find adds to its list's own (none of them a name a service uses). */
const PARAM = { pattern: 'find', mode: 'findMode', ignoreCase: 'findCase', field: 'findField', base: 'findIn', split: 'findSplit' } as const;
const OWN = new Set<string>(Object.values(PARAM));

/** The kind a find kind finds in (`s3.objects` for `s3.objects+find`), or undefined for any other kind. */
export function foundInKind(kindId: string): string | undefined {
  return kindId.endsWith(FIND_SUFFIX) ? kindId.slice(0, -FIND_SUFFIX.length) : undefined;
}

/** The pattern of a find list's params. */
export function findOf(params: Params): FindPattern {
  return {
    pattern: params[PARAM.pattern] ?? '', mode: (params[PARAM.mode] ?? 'text') as FindMode, ignoreCase: params[PARAM.ignoreCase] === 'i',
    ...(params[PARAM.field] ? { field: params[PARAM.field] } : {}),
  };
}

/** A find list's params without the find: the list it reads, as its own kind takes them. */
export function searchedParams(params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !OWN.has(name)));
}

function ownParams(params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([name]) => OWN.has(name) && name !== PARAM.split));
}

/**
 * The list of the items of `list` (a list of `kind`) that match `find`: every nested item where the kind lists
 * deeper (an S3 folder's keys at every depth), narrowed server-side where the API can (S3 `Prefix` from a glob's
 * literal start, SQS and Logs name prefixes, EC2 `tag:Name`), every other page scanned.
 */
export function findList(list: ListRef, kind: ResourceKind, find: FindPattern): ListRef {
  const read = kind.find?.list?.(list.params) ?? kind.flatten?.(list.params) ?? list.params;
  const narrowed = find.field ? read : (kind.find?.narrow ? kind.find.narrow(read, find) : byFilter(kind.filterParam, read, literalPrefixOf(find))) ?? read;
  const base = kind.find?.nameBase?.(list.params) ?? '';
  return {
    kind: `${kind.id}${FIND_SUFFIX}`,
    params: {
      ...narrowed, [PARAM.pattern]: find.pattern, [PARAM.mode]: find.mode, ...(find.ignoreCase ? { [PARAM.ignoreCase]: 'i' } : {}),
      ...(find.field ? { [PARAM.field]: find.field } : {}), ...(base ? { [PARAM.base]: base } : {}),
    },
  };
}

/** The kind's name prefix filter extended to the pattern's literal start (names start with the filter already). */
function byFilter(param: string | undefined, params: Params, prefix: string): Params {
  const current = param ? params[param] ?? '' : '';
  return param && prefix.length > current.length && prefix.startsWith(current) ? { ...params, [param]: prefix } : params;
}

/** Which items of a find list's pages match, its pattern compiled once per list. */
function matchOf(kind: ResourceKind, params: Params): (item: ResourceItem) => boolean {
  const find = findOf(params);
  const test = matcherOf(find);
  if (find.field) {
    const field = find.field;
    return (item) => {
      const value = fieldOf(item, field);
      return value !== undefined && test(value);
    };
  }
  const base = params[PARAM.base] ?? '';
  return (item) => {
    const name = kind.find?.name?.(item) ?? item.name;
    return name !== undefined && test(base && name.startsWith(base) ? name.slice(base.length) : name);
  };
}

/**
 * The find kind of `searched`: its paging is the searched kind's, its pages only the matching items (and, in the
 * folder-level listing a parallel export splits by, the folders, each a find of its own); its rows act as the
 * searched list's rows do (Show Details, open, the console).
 */
export function findKindOf(searched: ResourceKind): ResourceKind {
  const items = new WeakMap<object, ResourceItem[]>();
  const searchedItems = (output: unknown, params: Params, scope: Scope): ResourceItem[] => {
    const key = output as object;
    let found = items.get(key);
    if (!found) {
      found = searched.itemsOf(output, searchedParams(params), scope);
      items.set(key, found);
    }
    return found;
  };
  const matchers = new Map<string, (item: ResourceItem) => boolean>();
  const matcher = (params: Params) => {
    const key = JSON.stringify(ownParams(params));
    let match = matchers.get(key);
    if (!match) {
      if (matchers.size > 100) {
        matchers.clear();
      }
      match = matchOf(searched, params);
      matchers.set(key, match);
    }
    return match;
  };
  const { position, whyRefused, noteOf } = searched;
  return derivedKindOf(searched, searchedParams, {
    id: `${searched.id}${FIND_SUFFIX}`,
    title: (params) => l10n.t('Find: {0}', describePattern(findOf(params))),
    icon: 'search',
    // Read only through the tree and the CLI's find: it names what was found where, in messages and checkpoints.
    address: (params) => l10n.t('{0} (find {1})', searched.address(searchedParams(params)), describePattern(findOf(params))),
    emptyLabel: 'No matches',
    flatten: searched.find?.list || searched.flatten
      ? (params) => ({ ...(searched.find?.list ?? searched.flatten)!(searchedParams(params)), ...ownParams(params) })
      : undefined,
    splitBy: searched.splitBy && ((params) => {
      const split = searched.splitBy!(searchedParams(params));
      return split && { ...split, ...ownParams(params), [PARAM.split]: '1' };
    }),
    segments: searched.segments && ((params, count) => searched.segments!(searchedParams(params), count)?.map((segment) => ({ ...segment, ...ownParams(params) }))),
    paginate: (clients, params, options, send) => searched.paginate(clients, searchedParams(params), options, send),
    itemsOf(output, params, scope) {
      const match = matcher(params);
      const split = params[PARAM.split] === '1';
      return searchedItems(output, params, scope).flatMap((item) => {
        if (split && item.children) {
          return [{ ...item, children: { kind: `${item.children.kind}${FIND_SUFFIX}`, params: { ...item.children.params, ...ownParams(params) } } }];
        }
        return match(item) ? [item] : [];
      });
    },
    scannedOf: (output, params, scope) => searchedItems(output, params, scope).length,
    noteOf: noteOf && ((output, params) => noteOf(output, searchedParams(params))),
    position: position && { ...position, after: (output, params, before) => position.after(output, searchedParams(params), before) },
    whyRefused: whyRefused && ((clients, params, token, send) => whyRefused(clients, searchedParams(params), token, send)),
  });
}
