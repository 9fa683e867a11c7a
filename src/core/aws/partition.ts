import { load } from './sdk';

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`…), from the SDK's own partition data: the second field of an ARN. */
export function partitionOf(region: string): string {
  return load().partition(region).name;
}
