// The synthetic buckets of the benchmark's S3 listing server (s3ListServer.ts): keys made from their index, in key
// order, with sizes, times and storage classes that vary, so a summary has groups and a ranking to keep.

export const SYNTHETIC = {
  '1m': { bucket: 'bench-synthetic-1m', prefixes: 100, perPrefix: 10_000 },
  '100k': { bucket: 'bench-synthetic-100k', prefixes: 100, perPrefix: 1_000 },
} as const;

export type SyntheticId = keyof typeof SYNTHETIC;

const EXTENSIONS = ['csv', 'json', 'gz', 'parquet', 'log'];
const CLASSES = ['STANDARD', 'STANDARD', 'STANDARD', 'STANDARD_IA', 'GLACIER_IR'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2023, 0, 1);

export interface SyntheticObject {
  readonly Key: string;
  readonly Size: number;
  readonly LastModified: string;
  readonly StorageClass: string;
  readonly ETag: string;
}

/** The key of object `i` (of `perPrefix` a prefix): zero-padded, so index order is key order. */
export function syntheticKey(i: number, perPrefix: number): string {
  const prefix = Math.floor(i / perPrefix);
  return `p-${String(prefix).padStart(3, '0')}/k-${String(i % perPrefix).padStart(6, '0')}.${EXTENSIONS[prefix % EXTENSIONS.length]}`;
}

/** Object `i`, its fields as ListObjectsV2 returns them. */
export function syntheticObject(i: number, perPrefix: number): SyntheticObject {
  const mixed = Math.imul(i + 1, 2654435761) >>> 0;
  return {
    Key: syntheticKey(i, perPrefix),
    // Up to ~4 GB on a log scale: most small, a few large.
    Size: Math.floor(2 ** ((mixed % 32_000) / 1000)),
    LastModified: new Date(START + (mixed % 1000) * DAY_MS + (i % 86_400) * 1000).toISOString(),
    StorageClass: CLASSES[mixed % CLASSES.length],
    ETag: `"${mixed.toString(16).padStart(8, '0').repeat(4)}"`,
  };
}

/** How many keys of a synthetic bucket contain `text` (for a find row's expected count). */
export function syntheticMatches(id: SyntheticId, test: (key: string) => boolean): number {
  const { prefixes, perPrefix } = SYNTHETIC[id];
  let count = 0;
  for (let i = 0; i < prefixes * perPrefix; i++) {
    if (test(syntheticKey(i, perPrefix))) {
      count++;
    }
  }
  return count;
}
