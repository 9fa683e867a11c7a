import { load } from './sdk';

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`…), from the SDK's own partition data: the second field of an ARN. */
export function partitionOf(region: string): string {
  return load().partition(region).name;
}

/**
 * The host of the AWS Management Console of a partition (`console.aws.amazon.com`), or undefined for a partition
 * without a public console (the isolated ones).
 */
export function consoleHost(partition: string): string | undefined {
  return ({ aws: 'console.aws.amazon.com', 'aws-cn': 'console.amazonaws.cn', 'aws-us-gov': 'console.amazonaws-us-gov.com' } as Record<string, string>)[partition];
}
