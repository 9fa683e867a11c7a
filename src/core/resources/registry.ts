import { type ListRef, type ResourceKind } from './resource';
import { snsTopics } from './snsTopics';
import { snsSubscriptions } from './snsSubscriptions';
import { s3Buckets } from './s3Buckets';
import { s3Objects } from './s3Objects';

// The one place that lists the resource kinds; the tree and the exporter look kinds up here.
const kinds: ReadonlyMap<string, ResourceKind> = new Map(
  ([snsTopics, snsSubscriptions, s3Buckets, s3Objects] as ResourceKind<never>[]).map((kind) => [kind.id, kind as ResourceKind]),
);

export function resourceKind(id: string): ResourceKind {
  const kind = kinds.get(id);
  if (!kind) {
    throw new Error(`Unknown resource kind "${id}"`);
  }
  return kind;
}

export function kindOf(ref: ListRef): ResourceKind {
  return resourceKind(ref.kind);
}

/** The lists shown at the top of the tree. */
export const rootLists: readonly ListRef[] = [
  { kind: snsTopics.id, params: {} },
  { kind: s3Buckets.id, params: {} },
];

/** A stable string for a list: same kind and same parameters give the same key. */
export function listKey(ref: ListRef): string {
  const params = Object.keys(ref.params).sort().map((name) => [name, ref.params[name]]);
  return JSON.stringify([ref.kind, params]);
}
