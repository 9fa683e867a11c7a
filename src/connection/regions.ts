// The SDK's own partition data (@aws-sdk/core), bundled at build time: esbuild.mjs resolves this name to the SDK's
// data file, which its package does not export (tsconfig.json maps it for the type checker).
import { partitionsInfo } from 'aws-sdk-partitions';

export interface KnownRegion {
  readonly id: string;
  /** "Europe (Ireland)". */
  readonly name: string;
  /** `aws`, `aws-cn`, `aws-us-gov`… */
  readonly partition: string;
}

/**
 * Every region of every partition the SDK knows, partition by partition, without the global pseudo-regions
 * (`aws-global`…). The region quick pick also takes any name typed in, so a region newer than the SDK still works.
 */
export const knownRegions: readonly KnownRegion[] = partitionsInfo.partitions.flatMap((partition) =>
  Object.entries(partition.regions as unknown as Record<string, { description?: string }>)
    .filter(([id]) => !id.startsWith('aws-'))
    .map(([id, region]) => ({ id, name: region.description ?? id, partition: partition.id })));
