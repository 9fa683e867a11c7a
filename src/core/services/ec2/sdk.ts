// An SDK piece (see src/core/aws/sdk.ts): only what is named here is bundled, into dist/awsSdk.js, initialized on first use.
import { DescribeInstancesCommand, EC2Client, paginateDescribeInstances } from '@aws-sdk/client-ec2';

const sdk = { DescribeInstancesCommand, EC2Client, paginateDescribeInstances };
export const load = () => sdk;
