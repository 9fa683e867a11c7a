import type { Resource } from '@aws-sdk/client-resource-explorer-2';

/**
 * A search returns at most 1,000 results ("Search … can return only the first 1,000 results",
 * https://docs.aws.amazon.com/resource-explorer/latest/apireference/API_Search.html). To list every match, a query
 * whose count is not `Complete` is split into parts that together hold exactly its matches, first by `region:`, then
 * `service:`, then `resourcetype:`, then the first character of the resource's `id:`. A part's first page (filters
 * alone come back in a stable order) names the values the split takes: one part for each value it shows, and one for
 * every other value (`-region:a,b`), split the same way when it is not complete either. Every resource has one Region,
 * one service, one type and one id, so the parts never overlap and together hold what their parent does, and there is
 * a part for each value that is there, not for each the service knows of (most would be empty).
 *
 * A part is the filters added to the query, a `-` filter holding the values its siblings took.
 */
export type Part = readonly string[];

/** The fields a query is split by, in order: the filter's name and the value each resource has. */
const DIMENSIONS: ReadonlyArray<{ readonly filter: string; valueOf(resource: Resource): string | undefined }> = [
  { filter: 'region', valueOf: (resource) => resource.Region },
  { filter: 'service', valueOf: (resource) => resource.Service },
  { filter: 'resourcetype', valueOf: (resource) => resource.ResourceType },
  { filter: 'id', valueOf: (resource) => idStart(resource) },
];

/** Values of one filter in one query: the reference's limit on a query string is 1,280 characters. */
const MAX_QUERY = 1280;

/** The query of a part: the user's query and the part's filters (filters are AND-ed). */
export function partQuery(query: string, part: Part): string {
  return [query.trim(), ...part].filter(Boolean).join(' ');
}

/**
 * The parts an incomplete part splits into, from its first page: along the first dimension it has not fixed yet,
 * one part per value seen and one for the rest. None when it cannot be split further (a single id start with more
 * than 1,000 resources of one type in one Region), or when the query would grow past the service's limit.
 */
export function splitPart(query: string, part: Part, firstPage: readonly Resource[]): Part[] {
  const dimension = DIMENSIONS.find((candidate) => !part.some((filter) => filter.startsWith(`${candidate.filter}:`)));
  if (!dimension) {
    return [];
  }
  const rest = part.find((filter) => filter.startsWith(`-${dimension.filter}:`));
  const others = part.filter((filter) => filter !== rest);
  const taken = rest ? rest.slice(dimension.filter.length + 2).split(',').map((value) => value.replace(/\*$/, '')) : [];
  const seen = [...new Set(firstPage.map(dimension.valueOf).filter((value): value is string => Boolean(value) && !taken.includes(value!)))].sort();
  if (seen.length === 0) {
    return [];
  }
  const valueFilter = (value: string) => (dimension.filter === 'id' ? `id:${value}*` : `${dimension.filter}:${value}`);
  const restFilter = `-${dimension.filter}:${[...taken, ...seen].map((value) => (dimension.filter === 'id' ? `${value}*` : value)).join(',')}`;
  const parts = [...seen.map((value) => [...others, valueFilter(value)]), [...others, restFilter]];
  return parts.every((candidate) => partQuery(query, candidate).length <= MAX_QUERY) ? parts : [];
}

/** The first character of a resource's id (what `id:` matches: the ARN's resource after its type), lower case. */
function idStart(resource: Resource): string | undefined {
  const resourcePart = (resource.Arn ?? '').split(':').slice(5).join(':');
  const separator = resourcePart.search(/[/:]/);
  const first = (separator < 0 ? resourcePart : resourcePart.slice(separator + 1)).charAt(0).toLowerCase();
  return /^[0-9a-z]$/.test(first) ? first : undefined;
}
